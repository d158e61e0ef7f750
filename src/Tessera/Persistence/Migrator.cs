using System.Data.Common;
using System.Reflection;

namespace Tessera.Persistence;

/// <summary>Applies the embedded, numbered migrations of one dialect, each in its own transaction, recorded in a version table.</summary>
internal sealed class Migrator(Database database)
{
    const string VersionTable = "tessera_migrations";

    public sealed record Migration(string Version, string Name, string Sql);

    public IReadOnlyList<Migration> All { get; } = Load(database.Dsn.Kind);

    static List<Migration> Load(DatabaseKind kind)
    {
        var suffix = kind == DatabaseKind.Sqlite ? ".sqlite.sql" : ".postgres.sql";
        var assembly = typeof(Migrator).Assembly;
        var result = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            // Resource names look like Tessera.Persistence.Migrations.0001_identities.sqlite.sql
            var file = resource[..^suffix.Length];
            file = file[(file.LastIndexOf('.') + 1)..];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            result.Add(new Migration(file[..underscore], file[(underscore + 1)..], reader.ReadToEnd()));
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Version, b.Version));
        return result;
    }

    public async Task<IReadOnlyList<Migration>> PendingAsync(CancellationToken ct)
    {
        var applied = await AppliedAsync(ct).ConfigureAwait(false);
        return All.Where(m => !applied.Contains(m.Version)).ToList();
    }

    async Task<HashSet<string>> AppliedAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await EnsureVersionTableAsync(connection, ct).ConfigureAwait(false);
        await using var command = Database.Command(connection, $"SELECT version FROM {VersionTable}");
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            applied.Add(reader.GetString(0));
        }

        return applied;
    }

    static async Task EnsureVersionTableAsync(DbConnection connection, CancellationToken ct, DbTransaction? tx = null)
    {
        await using var command = Database.Command(connection,
            $"CREATE TABLE IF NOT EXISTS {VersionTable} (version VARCHAR(32) PRIMARY KEY NOT NULL, name VARCHAR(255) NOT NULL, applied_at VARCHAR(64) NOT NULL)", tx);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Applies what is pending and returns what it applied. Concurrent migrators on PostgreSQL wait on an advisory lock.</summary>
    public async Task<IReadOnlyList<Migration>> ApplyAsync(CancellationToken ct)
    {
        var done = new List<Migration>();
        foreach (var migration in All)
        {
            var applied = await database.InTransactionAsync(async (connection, tx) =>
            {
                await EnsureVersionTableAsync(connection, ct, tx).ConfigureAwait(false);
                if (database.Dialect.Kind == DatabaseKind.Postgres)
                {
                    await using var lockCommand = Database.Command(connection, "SELECT pg_advisory_xact_lock(7283620451)", tx);
                    await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await using (var check = Database.Command(connection, $"SELECT COUNT(*) FROM {VersionTable} WHERE version = @v", tx))
                {
                    SqlDialect.Add(check, "v", migration.Version);
                    if (Convert.ToInt64(await check.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0)
                    {
                        return false;
                    }
                }

                await using (var apply = Database.Command(connection, migration.Sql, tx))
                {
                    await apply.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await using var record = Database.Command(connection, $"INSERT INTO {VersionTable} (version, name, applied_at) VALUES (@v, @n, @t)", tx);
                SqlDialect.Add(record, "v", migration.Version);
                SqlDialect.Add(record, "n", migration.Name);
                SqlDialect.Add(record, "t", DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return true;
            }, ct).ConfigureAwait(false);
            if (applied)
            {
                done.Add(migration);
            }
        }

        return done;
    }
}
