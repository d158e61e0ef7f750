CREATE TABLE identities (
  id UUID PRIMARY KEY NOT NULL,
  schema_id VARCHAR(2048) NOT NULL,
  traits JSONB NOT NULL,
  state VARCHAR(32) NOT NULL,
  state_changed_at TIMESTAMPTZ NULL,
  metadata_public JSONB NULL,
  metadata_admin JSONB NULL,
  external_id VARCHAR(512) NULL,
  organization_id UUID NULL,
  available_aal VARCHAR(8) NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX identities_external_id_uq ON identities (external_id) WHERE external_id IS NOT NULL;

CREATE TABLE identity_credentials (
  id UUID PRIMARY KEY NOT NULL,
  identity_id UUID NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
  type VARCHAR(64) NOT NULL,
  config JSONB NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  UNIQUE (identity_id, type)
);

CREATE TABLE identity_credential_identifiers (
  id UUID PRIMARY KEY NOT NULL,
  identity_id UUID NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
  credential_id UUID NOT NULL REFERENCES identity_credentials (id) ON DELETE CASCADE,
  type VARCHAR(64) NOT NULL,
  identifier VARCHAR(1024) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  UNIQUE (type, identifier)
);
CREATE INDEX identity_credential_identifiers_credential_idx ON identity_credential_identifiers (credential_id);
CREATE INDEX identity_credential_identifiers_identity_idx ON identity_credential_identifiers (identity_id);

CREATE TABLE identity_verifiable_addresses (
  id UUID PRIMARY KEY NOT NULL,
  identity_id UUID NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
  via VARCHAR(16) NOT NULL,
  value VARCHAR(1024) NOT NULL,
  verified BOOLEAN NOT NULL,
  verified_at TIMESTAMPTZ NULL,
  status VARCHAR(16) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  UNIQUE (via, value)
);
CREATE INDEX identity_verifiable_addresses_identity_idx ON identity_verifiable_addresses (identity_id);

CREATE TABLE identity_recovery_addresses (
  id UUID PRIMARY KEY NOT NULL,
  identity_id UUID NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
  via VARCHAR(16) NOT NULL,
  value VARCHAR(1024) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  UNIQUE (via, value)
);
CREATE INDEX identity_recovery_addresses_identity_idx ON identity_recovery_addresses (identity_id);
