CREATE TABLE selfservice_flows (
  id UUID PRIMARY KEY NOT NULL,
  kind VARCHAR(32) NOT NULL,
  type VARCHAR(16) NOT NULL,
  state VARCHAR(64) NOT NULL,
  request_url TEXT NOT NULL,
  return_to TEXT NULL,
  active VARCHAR(64) NULL,
  ui JSONB NOT NULL,
  csrf_fingerprint VARCHAR(128) NULL,
  identity_id UUID NULL REFERENCES identities (id) ON DELETE CASCADE,
  data JSONB NOT NULL,
  issued_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX selfservice_flows_expires_idx ON selfservice_flows (expires_at);

CREATE TABLE selfservice_errors (
  id UUID PRIMARY KEY NOT NULL,
  error JSONB NOT NULL,
  csrf_fingerprint VARCHAR(128) NULL,
  created_at TIMESTAMPTZ NOT NULL
);
