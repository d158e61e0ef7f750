using System.Data.Common;
using Tessera.Persistence;

namespace Tessera.Identities;

/// <summary>
/// The rows that store identities (the identity row, credentials, credential identifiers, verifiable and recovery
/// addresses), gathered per table and written with multi-row INSERTs in foreign-key order. One identity or a batch of a
/// thousand go through the same code.
/// </summary>
internal sealed class IdentityRowSet
{
    readonly MultiRowInsert _identities;
    readonly MultiRowInsert _credentials;
    readonly MultiRowInsert _identifiers;
    readonly MultiRowInsert _verifiable;
    readonly MultiRowInsert _recovery;

    IdentityRowSet(SqlDialect dialect)
    {
        _identities = new(dialect, "identities", "id", "schema_id", "traits", "state", "state_changed_at", "metadata_public",
            "metadata_admin", "external_id", "organization_id", "created_at", "updated_at", "available_aal");
        _credentials = new(dialect, "identity_credentials", "id", "identity_id", "type", "config", "version", "created_at", "updated_at");
        _identifiers = new(dialect, "identity_credential_identifiers", "id", "identity_id", "credential_id", "type", "identifier", "created_at", "updated_at");
        _verifiable = new(dialect, "identity_verifiable_addresses", "id", "identity_id", "via", "value", "verified", "verified_at", "status", "created_at", "updated_at");
        _recovery = new(dialect, "identity_recovery_addresses", "id", "identity_id", "via", "value", "created_at", "updated_at");
    }

    /// <summary>The rows of <paramref name="identities"/>; without the identity rows themselves when they exist already (an update).</summary>
    public static IdentityRowSet Of(SqlDialect dialect, IEnumerable<Identity> identities, bool withIdentityRows)
    {
        var set = new IdentityRowSet(dialect);
        foreach (var identity in identities)
        {
            if (withIdentityRows)
            {
                set.AddIdentity(identity);
            }

            set.AddDependents(identity);
        }

        return set;
    }

    public async Task ExecuteAsync(DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        foreach (var table in (MultiRowInsert[])[_identities, _credentials, _identifiers, _verifiable, _recovery])
        {
            await table.ExecuteAsync(connection, tx, ct).ConfigureAwait(false);
        }
    }

    void AddIdentity(Identity identity) =>
        _identities.Add(
            SqlValue.Uuid(identity.Id),
            SqlValue.Of(identity.SchemaId),
            SqlValue.Json(identity.Traits.ToJsonString()),
            SqlValue.Of(identity.State),
            SqlValue.Time(identity.StateChangedAt),
            SqlValue.Json(identity.MetadataPublic?.ToJsonString()),
            SqlValue.Json(identity.MetadataAdmin?.ToJsonString()),
            SqlValue.Of(string.IsNullOrEmpty(identity.ExternalId) ? null : identity.ExternalId),
            SqlValue.Uuid(identity.OrganizationId),
            SqlValue.Time(identity.CreatedAt),
            SqlValue.Time(identity.UpdatedAt),
            SqlValue.Of(identity.AvailableAal));

    void AddDependents(Identity identity)
    {
        foreach (var credential in identity.Credentials.Values)
        {
            _credentials.Add(
                SqlValue.Uuid(credential.Id),
                SqlValue.Uuid(identity.Id),
                SqlValue.Of(credential.Type),
                SqlValue.Json(credential.Config.ToJsonString()),
                SqlValue.Of(credential.Version),
                SqlValue.Time(credential.CreatedAt),
                SqlValue.Time(credential.UpdatedAt));
            foreach (var identifier in credential.Identifiers)
            {
                _identifiers.Add(
                    SqlValue.Uuid(Persistence.RowId.New()),
                    SqlValue.Uuid(identity.Id),
                    SqlValue.Uuid(credential.Id),
                    SqlValue.Of(credential.Type),
                    SqlValue.Of(identifier),
                    SqlValue.Time(credential.CreatedAt),
                    SqlValue.Time(credential.UpdatedAt));
            }
        }

        foreach (var address in identity.VerifiableAddresses)
        {
            _verifiable.Add(
                SqlValue.Uuid(address.Id),
                SqlValue.Uuid(identity.Id),
                SqlValue.Of(address.Via),
                SqlValue.Of(address.Value),
                SqlValue.Of(address.Verified),
                SqlValue.Time(address.VerifiedAt),
                SqlValue.Of(address.Status),
                SqlValue.Time(address.CreatedAt),
                SqlValue.Time(address.UpdatedAt));
        }

        foreach (var address in identity.RecoveryAddresses)
        {
            _recovery.Add(
                SqlValue.Uuid(address.Id),
                SqlValue.Uuid(identity.Id),
                SqlValue.Of(address.Via),
                SqlValue.Of(address.Value),
                SqlValue.Time(address.CreatedAt),
                SqlValue.Time(address.UpdatedAt));
        }
    }
}
