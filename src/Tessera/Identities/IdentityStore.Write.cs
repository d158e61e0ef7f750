using System.Data.Common;
using Tessera.Persistence;

namespace Tessera.Identities;

internal sealed partial class IdentityStore
{
    /// <summary>Inserts the identity with its credentials and addresses in one transaction; duplicates throw <see cref="UniqueViolation"/>.</summary>
    public Task CreateAsync(Identity identity, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, tx) =>
        {
            await IdentityRowSet.Of(Dialect, [identity], withIdentityRows: true).ExecuteAsync(connection, tx, ct).ConfigureAwait(false);
            return true;
        }, ct);

    /// <summary>
    /// Inserts many identities in one transaction. First all at once with multi-row INSERTs (the common case of a bulk
    /// import: nothing conflicts); when something does, again with a savepoint per identity, so that a duplicate rolls
    /// back only its own rows and the others are still created.
    /// </summary>
    /// <returns>per identity, in order: true when inserted, false when it conflicted with an existing identity.</returns>
    public async Task<bool[]> CreateManyAsync(IReadOnlyList<Identity> identities, CancellationToken ct)
    {
        try
        {
            await database.InTransactionAsync(async (connection, tx) =>
            {
                await IdentityRowSet.Of(Dialect, identities, withIdentityRows: true).ExecuteAsync(connection, tx, ct).ConfigureAwait(false);
                return true;
            }, ct).ConfigureAwait(false);
            return Enumerable.Repeat(true, identities.Count).ToArray();
        }
        catch (UniqueViolation)
        {
            return await CreateEachAsync(identities, ct).ConfigureAwait(false);
        }
    }

    Task<bool[]> CreateEachAsync(IReadOnlyList<Identity> identities, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, tx) =>
        {
            var inserted = new bool[identities.Count];
            for (var i = 0; i < identities.Count; i++)
            {
                await ExecuteAsync(connection, tx, "SAVEPOINT tessera_batch", ct).ConfigureAwait(false);
                try
                {
                    await IdentityRowSet.Of(Dialect, [identities[i]], withIdentityRows: true).ExecuteAsync(connection, tx, ct).ConfigureAwait(false);
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
                "metadata_public = @mp, metadata_admin = @ma, external_id = @external, organization_id = @org, updated_at = @updated, available_aal = @aal WHERE id = @id", tx))
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

            await IdentityRowSet.Of(Dialect, [identity], withIdentityRows: false).ExecuteAsync(connection, tx, ct).ConfigureAwait(false);
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
        SqlDialect.Add(command, "aal", identity.AvailableAal);
    }
}
