CREATE TABLE selfservice_flows (
  id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL,
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  request_url TEXT NOT NULL,
  return_to TEXT NULL,
  active TEXT NULL,
  ui TEXT NOT NULL,
  csrf_fingerprint TEXT NULL,
  identity_id TEXT NULL REFERENCES identities (id) ON DELETE CASCADE,
  data TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX selfservice_flows_expires_idx ON selfservice_flows (expires_at);

CREATE TABLE selfservice_errors (
  id TEXT PRIMARY KEY NOT NULL,
  error TEXT NOT NULL,
  csrf_fingerprint TEXT NULL,
  created_at TEXT NOT NULL
);
