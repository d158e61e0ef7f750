CREATE TABLE courier_messages (
  id TEXT PRIMARY KEY NOT NULL,
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  channel TEXT NOT NULL,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  html_body TEXT NULL,
  template_type TEXT NOT NULL,
  template_data TEXT NOT NULL,
  send_count INTEGER NOT NULL DEFAULT 0,
  due_at TEXT NOT NULL,
  claim_id TEXT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- The worker's pull: only messages that still have to go are indexed, by when they are due.
CREATE INDEX courier_messages_due_idx ON courier_messages (due_at) WHERE status IN ('queued', 'processing');
-- The admin list: newest first, optionally for one status or one recipient.
CREATE INDEX courier_messages_list_idx ON courier_messages (created_at DESC, id);
CREATE INDEX courier_messages_status_idx ON courier_messages (status, created_at DESC, id);
CREATE INDEX courier_messages_recipient_idx ON courier_messages (recipient, created_at DESC, id);

CREATE TABLE courier_message_dispatches (
  id TEXT PRIMARY KEY NOT NULL,
  message_id TEXT NOT NULL REFERENCES courier_messages (id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  error TEXT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX courier_message_dispatches_message_idx ON courier_message_dispatches (message_id, created_at);
