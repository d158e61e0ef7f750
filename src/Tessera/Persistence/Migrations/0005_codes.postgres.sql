-- Code submissions per flow (the code method's attempt limit), counted atomically beside the flow's JSON.
ALTER TABLE selfservice_flows ADD COLUMN submit_count INTEGER NOT NULL DEFAULT 0;

-- Recovery and verification codes and link tokens: only an HMAC of the secret is kept, one flow each.
-- The address is kept by value: address rows are rewritten whenever their identity is.
CREATE TABLE selfservice_codes (
  id UUID PRIMARY KEY NOT NULL,
  flow_id UUID NOT NULL REFERENCES selfservice_flows (id) ON DELETE CASCADE,
  method VARCHAR(16) NOT NULL,
  code_type VARCHAR(16) NOT NULL,
  identity_id UUID NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
  address_via VARCHAR(16) NULL,
  address_value VARCHAR(1024) NULL,
  code_hmac VARCHAR(128) NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  used_at TIMESTAMPTZ NULL,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX selfservice_codes_flow_idx ON selfservice_codes (flow_id);
CREATE INDEX selfservice_codes_identity_idx ON selfservice_codes (identity_id);
