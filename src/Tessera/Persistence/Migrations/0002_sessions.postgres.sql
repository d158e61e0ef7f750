CREATE TABLE sessions (
  id UUID PRIMARY KEY NOT NULL,
  identity_id UUID NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
  token_hash VARCHAR(64) NOT NULL UNIQUE,
  logout_token_hash VARCHAR(64) NOT NULL UNIQUE,
  active BOOLEAN NOT NULL,
  authenticated_at TIMESTAMPTZ NOT NULL,
  issued_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  aal VARCHAR(8) NOT NULL,
  authentication_methods JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_identity_idx ON sessions (identity_id, id);

CREATE TABLE session_devices (
  id UUID PRIMARY KEY NOT NULL,
  session_id UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  identity_id UUID NOT NULL,
  ip_address VARCHAR(64) NOT NULL,
  user_agent TEXT NOT NULL,
  location TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX session_devices_session_idx ON session_devices (session_id);
