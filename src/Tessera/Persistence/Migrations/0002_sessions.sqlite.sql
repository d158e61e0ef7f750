CREATE TABLE sessions (
  id TEXT PRIMARY KEY NOT NULL,
  identity_id TEXT NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  logout_token_hash TEXT NOT NULL UNIQUE,
  active INTEGER NOT NULL,
  authenticated_at TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  aal TEXT NOT NULL,
  authentication_methods TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX sessions_identity_idx ON sessions (identity_id, id);

CREATE TABLE session_devices (
  id TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  identity_id TEXT NOT NULL,
  ip_address TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  location TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX session_devices_session_idx ON session_devices (session_id);
