-- The last TOTP time step each identity used, so that a code is accepted at most once (replay protection).
CREATE TABLE identity_totp_steps (
  identity_id UUID PRIMARY KEY NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
  time_step BIGINT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
