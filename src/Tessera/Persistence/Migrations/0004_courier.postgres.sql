CREATE TABLE courier_messages (
  id UUID PRIMARY KEY NOT NULL,
  type VARCHAR(16) NOT NULL,
  status VARCHAR(16) NOT NULL,
  channel VARCHAR(32) NOT NULL,
  recipient VARCHAR(512) NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  html_body TEXT NULL,
  template_type VARCHAR(64) NOT NULL,
  template_data JSONB NOT NULL,
  send_count INTEGER NOT NULL DEFAULT 0,
  due_at TIMESTAMPTZ NOT NULL,
  claim_id UUID NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
-- The worker's pull: only messages that still have to go are indexed, by when they are due.
CREATE INDEX courier_messages_due_idx ON courier_messages (due_at) WHERE status IN ('queued', 'processing');
-- The admin list: newest first, optionally for one status or one recipient.
CREATE INDEX courier_messages_list_idx ON courier_messages (created_at DESC, id);
CREATE INDEX courier_messages_status_idx ON courier_messages (status, created_at DESC, id);
CREATE INDEX courier_messages_recipient_idx ON courier_messages (recipient, created_at DESC, id);

CREATE TABLE courier_message_dispatches (
  id UUID PRIMARY KEY NOT NULL,
  message_id UUID NOT NULL REFERENCES courier_messages (id) ON DELETE CASCADE,
  status VARCHAR(16) NOT NULL,
  error JSONB NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX courier_message_dispatches_message_idx ON courier_message_dispatches (message_id, created_at);
