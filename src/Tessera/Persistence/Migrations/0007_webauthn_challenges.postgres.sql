-- WebAuthn challenges that an assertion has used: a challenge answers one login only, even when two submissions of
-- the same assertion race (the flow that holds the challenge is saved only after verification).
CREATE TABLE webauthn_used_challenges (
  challenge_hash VARCHAR(64) PRIMARY KEY NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);
