-- Code submissions per flow (the code method's attempt limit), counted atomically beside the flow's JSON.
ALTER TABLE selfservice_flows ADD COLUMN submit_count INTEGER NOT NULL DEFAULT 0;

-- Recovery and verification codes and link tokens: only an HMAC of the secret is kept, one flow each.
-- The address is kept by value: address rows are rewritten whenever their identity is.
CREATE TABLE selfservice_codes (
  id TEXT PRIMARY KEY NOT NULL,
  flow_id TEXT NOT NULL REFERENCES selfservice_flows (id) ON DELETE CASCADE,
  method TEXT NOT NULL,
  code_type TEXT NOT NULL,
  identity_id TEXT NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
  address_via TEXT NULL,
  address_value TEXT NULL,
  code_hmac TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX selfservice_codes_flow_idx ON selfservice_codes (flow_id);
CREATE INDEX selfservice_codes_identity_idx ON selfservice_codes (identity_id);
