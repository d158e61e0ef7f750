using System.Text.Json.Nodes;
using Tessera.Persistence;

namespace Tessera.Identities;

internal sealed partial class IdentityStore
{
    /// <summary>
    /// Reads one credential's config and writes back what <paramref name="decide"/> makes of it, in one transaction in
    /// which no other writer can change that row in between (PostgreSQL: the row is locked; SQLite: the one writer), so a
    /// single-use secret (a lookup code) cannot be spent twice by two requests at once.
    /// </summary>
    /// <param name="decide">
    /// Gets the config (null when the identity has no credential of <paramref name="type"/>) and returns the replacement
    /// (null: leave it) and the caller's result.
    /// </param>
    public async Task<T> UpdateCredentialConfigAsync<T>(Guid identityId, string type, Func<JsonObject?, (JsonObject? Replacement, T Result)> decide,
        DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var (changed, result) = await database.InTransactionAsync(async (connection, tx) =>
        {
            Guid? id = null;
            JsonObject? config = null;
            var lockRow = Dialect.Kind == DatabaseKind.Postgres ? " FOR UPDATE" : "";
            await using (var select = Database.Command(connection,
                "SELECT id, config FROM identity_credentials WHERE identity_id = @identity AND type = @type" + lockRow, tx))
            {
                Dialect.AddUuid(select, "identity", identityId);
                SqlDialect.Add(select, "type", type);
                await using var r = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
                if (await r.ReadAsync(ct).ConfigureAwait(false))
                {
                    id = r.GetGuid(0);
                    config = JsonNode.Parse(r.GetString(1)) as JsonObject ?? [];
                }
            }

            var (replacement, value) = decide(config);
            if (replacement is null || id is null)
            {
                return (false, value);
            }

            await using var update = Database.Command(connection,
                "UPDATE identity_credentials SET config = @config, updated_at = @now WHERE id = @id", tx);
            Dialect.AddJson(update, "config", replacement.ToJsonString());
            Dialect.AddTime(update, "now", now);
            Dialect.AddUuid(update, "id", id.Value);
            await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return (true, value);
        }, ct).ConfigureAwait(false);

        if (changed)
        {
            changes.Publish(identityId);
        }

        return result;
    }
}
