using System.Data.Common;
using Tessera.Persistence;

namespace Tessera.Identities;

internal sealed partial class IdentityStore
{
    /// <summary>Inserts the identity with its credentials and addresses in one transaction; duplicates throw <see cref="UniqueViolation"/>.</summary>
    public Task CreateAsync(Identity identity, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, tx) =>
        {
            await InsertIdentityRowAsync(connection, tx, identity, ct).ConfigureAwait(false);
            await InsertDependentsAsync(connection, tx, identity, ct).ConfigureAwait(false);
            return true;
        }, ct);

    /// <summary>
    /// Inserts many identities in one transaction, each behind its own savepoint: a duplicate rolls back only its own
    /// rows. One commit instead of one per identity is what makes bulk imports fast, on SQLite most of all.
    /// </summary>
    /// <returns>per identity, in order: true when inserted, false when it conflicted with an existing identity.</returns>
    public Task<bool[]> CreateManyAsync(IReadOnlyList<Identity> identities, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, tx) =>
        {
            var inserted = new bool[identities.Count];
            for (var i = 0; i < identities.Count; i++)
            {
                await ExecuteAsync(connection, tx, "SAVEPOINT tessera_batch", ct).ConfigureAwait(false);
                try
                {
                    await InsertIdentityRowAsync(connection, tx, identities[i], ct).ConfigureAwait(false);
                    await InsertDependentsAsync(connection, tx, identities[i], ct).ConfigureAwait(false);
                    await ExecuteAsync(connection, tx, "RELEASE SAVEPOINT tessera_batch", ct).ConfigureAwait(false);
                    inserted[i] = true;
                }
                catch (DbException e) when (Dialect.IsUniqueViolation(e))
                {
                    await ExecuteAsync(connection, tx, "ROLLBACK TO SAVEPOINT tessera_batch", ct).ConfigureAwait(false);
                    await ExecuteAsync(connection, tx, "RELEASE SAVEPOINT tessera_batch", ct).ConfigureAwait(false);
                }
            }

            return inserted;
        }, ct);

    static async Task ExecuteAsync(DbConnection connection, DbTransaction tx, string sql, CancellationToken ct)
    {
        await using var command = Database.Command(connection, sql, tx);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Replaces the identity row and all its dependent rows in one transaction.</summary>
    public async Task<bool> UpdateAsync(Identity identity, CancellationToken ct)
    {
        var updated = await UpdateRowsAsync(identity, ct).ConfigureAwait(false);
        changes.Publish(identity.Id);
        return updated;
    }

    Task<bool> UpdateRowsAsync(Identity identity, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, tx) =>
        {
            await using (var command = Database.Command(connection,
                "UPDATE identities SET schema_id = @schema, traits = @traits, state = @state, state_changed_at = @state_changed_at, " +
                "metadata_public = @mp, metadata_admin = @ma, external_id = @external, organization_id = @org, updated_at = @updated WHERE id = @id", tx))
            {
                BindIdentity(command, identity);
                if (await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0)
                {
                    return false;
                }
            }

            foreach (var table in DependentTables)
            {
                await using var delete = Database.Command(connection, $"DELETE FROM {table} WHERE identity_id = @id", tx);
                Dialect.AddUuid(delete, "id", identity.Id);
                await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await InsertDependentsAsync(connection, tx, identity, ct).ConfigureAwait(false);
            return true;
        }, ct);

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        var deleted = await DeleteRowsAsync(id, ct).ConfigureAwait(false);
        changes.Publish(id);
        return deleted;
    }

    Task<bool> DeleteRowsAsync(Guid id, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, tx) =>
        {
            // Children first: correct even where a connection runs without foreign-key cascades.
            foreach (var table in DependentTables)
            {
                await using var delete = Database.Command(connection, $"DELETE FROM {table} WHERE identity_id = @id", tx);
                Dialect.AddUuid(delete, "id", id);
                await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using var command = Database.Command(connection, "DELETE FROM identities WHERE id = @id", tx);
            Dialect.AddUuid(command, "id", id);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        }, ct);

    static readonly string[] DependentTables =
        ["identity_credential_identifiers", "identity_credentials", "identity_verifiable_addresses", "identity_recovery_addresses"];

    async Task InsertIdentityRowAsync(DbConnection connection, DbTransaction tx, Identity identity, CancellationToken ct)
    {
        await using var command = Database.Command(connection,
            $"INSERT INTO identities ({IdentityColumns}) VALUES (@id, @schema, @traits, @state, @state_changed_at, @mp, @ma, @external, @org, @created, @updated)", tx);
        BindIdentity(command, identity);
        Dialect.AddTime(command, "created", identity.CreatedAt);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    void BindIdentity(DbCommand command, Identity identity)
    {
        Dialect.AddUuid(command, "id", identity.Id);
        SqlDialect.Add(command, "schema", identity.SchemaId);
        Dialect.AddJson(command, "traits", identity.Traits.ToJsonString());
        SqlDialect.Add(command, "state", identity.State);
        Dialect.AddTime(command, "state_changed_at", identity.StateChangedAt);
        Dialect.AddJson(command, "mp", identity.MetadataPublic?.ToJsonString());
        Dialect.AddJson(command, "ma", identity.MetadataAdmin?.ToJsonString());
        SqlDialect.Add(command, "external", string.IsNullOrEmpty(identity.ExternalId) ? null : identity.ExternalId);
        Dialect.AddUuid(command, "org", identity.OrganizationId);
        Dialect.AddTime(command, "updated", identity.UpdatedAt);
    }

    async Task InsertDependentsAsync(DbConnection connection, DbTransaction tx, Identity identity, CancellationToken ct)
    {
        foreach (var credential in identity.Credentials.Values)
        {
            await using (var command = Database.Command(connection,
                "INSERT INTO identity_credentials (id, identity_id, type, config, version, created_at, updated_at) VALUES (@id, @identity, @type, @config, @version, @created, @updated)", tx))
            {
                Dialect.AddUuid(command, "id", credential.Id);
                Dialect.AddUuid(command, "identity", identity.Id);
                SqlDialect.Add(command, "type", credential.Type);
                Dialect.AddJson(command, "config", credential.Config.ToJsonString());
                SqlDialect.Add(command, "version", credential.Version);
                Dialect.AddTime(command, "created", credential.CreatedAt);
                Dialect.AddTime(command, "updated", credential.UpdatedAt);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            foreach (var identifier in credential.Identifiers)
            {
                await using var command = Database.Command(connection,
                    "INSERT INTO identity_credential_identifiers (id, identity_id, credential_id, type, identifier, created_at, updated_at) VALUES (@id, @identity, @credential, @type, @identifier, @created, @updated)", tx);
                Dialect.AddUuid(command, "id", Guid.CreateVersion7());
                Dialect.AddUuid(command, "identity", identity.Id);
                Dialect.AddUuid(command, "credential", credential.Id);
                SqlDialect.Add(command, "type", credential.Type);
                SqlDialect.Add(command, "identifier", identifier);
                Dialect.AddTime(command, "created", credential.CreatedAt);
                Dialect.AddTime(command, "updated", credential.UpdatedAt);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }

        foreach (var address in identity.VerifiableAddresses)
        {
            await using var command = Database.Command(connection,
                "INSERT INTO identity_verifiable_addresses (id, identity_id, via, value, verified, verified_at, status, created_at, updated_at) VALUES (@id, @identity, @via, @value, @verified, @verified_at, @status, @created, @updated)", tx);
            Dialect.AddUuid(command, "id", address.Id);
            Dialect.AddUuid(command, "identity", identity.Id);
            SqlDialect.Add(command, "via", address.Via);
            SqlDialect.Add(command, "value", address.Value);
            SqlDialect.Add(command, "verified", address.Verified);
            Dialect.AddTime(command, "verified_at", address.VerifiedAt);
            SqlDialect.Add(command, "status", address.Status);
            Dialect.AddTime(command, "created", address.CreatedAt);
            Dialect.AddTime(command, "updated", address.UpdatedAt);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        foreach (var address in identity.RecoveryAddresses)
        {
            await using var command = Database.Command(connection,
                "INSERT INTO identity_recovery_addresses (id, identity_id, via, value, created_at, updated_at) VALUES (@id, @identity, @via, @value, @created, @updated)", tx);
            Dialect.AddUuid(command, "id", address.Id);
            Dialect.AddUuid(command, "identity", identity.Id);
            SqlDialect.Add(command, "via", address.Via);
            SqlDialect.Add(command, "value", address.Value);
            Dialect.AddTime(command, "created", address.CreatedAt);
            Dialect.AddTime(command, "updated", address.UpdatedAt);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }
}
