using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tessera.Persistence;

internal enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>A DSN as Kratos writes it (<c>memory</c>, <c>sqlite://…</c>, <c>postgres://…</c>) turned into a driver connection string.</summary>
internal sealed record Dsn(DatabaseKind Kind, string ConnectionString, bool InMemory, string? JournalMode = null)
{
    public static bool TryParse(string? value, out Dsn dsn, out string error)
    {
        dsn = null!;
        error = "";
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "the DSN is empty; set `dsn` in the config or the DSN environment variable";
            return false;
        }

        value = value.Trim();
        if (value == "memory")
        {
            dsn = InMemorySqlite();
            return true;
        }

        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            error = $"the DSN \"{Redact(value)}\" has no scheme; use memory, sqlite://PATH or postgres://USER:PASS@HOST:PORT/DB";
            return false;
        }

        var scheme = value[..schemeEnd].ToLowerInvariant();
        var rest = value[(schemeEnd + 3)..];
        switch (scheme)
        {
            case "sqlite":
            case "sqlite3":
                return TryParseSqlite(rest, out dsn, out error);
            case "postgres":
            case "postgresql":
                return TryParsePostgres(value, out dsn, out error);
            default:
                error = $"the DSN scheme \"{scheme}\" is not supported; Tessera runs on sqlite:// and postgres://";
                return false;
        }
    }

    static Dsn InMemorySqlite()
    {
        // A named shared-cache memory database lives while one connection stays open; the Database keeps one.
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = $"tessera-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
            ForeignKeys = true,
            DefaultTimeout = 30,
        };
        return new Dsn(DatabaseKind.Sqlite, builder.ToString(), InMemory: true);
    }

    static bool TryParseSqlite(string rest, out Dsn dsn, out string error)
    {
        error = "";
        var query = "";
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        var path = q >= 0 ? rest[..q] : rest;
        if (q >= 0)
        {
            query = rest[(q + 1)..];
        }

        var parameters = ParseQuery(query);
        if (path.StartsWith("file:", StringComparison.Ordinal))
        {
            path = path[5..];
        }

        if (path is ":memory:" or "" || parameters.TryGetValue("mode", out var mode) && mode == "memory")
        {
            dsn = InMemorySqlite();
            return true;
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Uri.UnescapeDataString(path),
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            DefaultTimeout = 30,
            Pooling = true,
        };
        // Write-ahead logging unless the DSN names another mode (go-sqlite3's _journal_mode / _journal, as Kratos users write them).
        var journal = parameters.TryGetValue("_journal_mode", out var j) || parameters.TryGetValue("_journal", out j) ? j.ToUpperInvariant() : "WAL";
        // Only these two are kept in the file; the others would have to be set on every connection.
        if (journal is not ("WAL" or "DELETE"))
        {
            dsn = null!;
            error = $"the DSN's _journal_mode \"{journal}\" is not supported; use WAL (the default) or DELETE";
            return false;
        }

        dsn = new Dsn(DatabaseKind.Sqlite, builder.ToString(), InMemory: false, journal);
        return true;
    }

    static bool TryParsePostgres(string value, out Dsn dsn, out string error)
    {
        dsn = null!;
        error = "";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            error = $"the DSN \"{Redact(value)}\" is not a valid postgres:// URL";
            return false;
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            MaxPoolSize = 100,
            // Statements run again and again (the session check above all) are prepared on the server after two uses.
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
        };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon >= 0 ? uri.UserInfo[..colon] : uri.UserInfo);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var (key, val) in ParseQuery(uri.Query.TrimStart('?')))
        {
            switch (key)
            {
                case "sslmode":
                    builder.SslMode = val switch
                    {
                        "disable" => SslMode.Disable,
                        "allow" => SslMode.Allow,
                        "prefer" => SslMode.Prefer,
                        "require" => SslMode.Require,
                        "verify-ca" => SslMode.VerifyCA,
                        "verify-full" => SslMode.VerifyFull,
                        _ => builder.SslMode,
                    };
                    break;
                case "max_conns" when int.TryParse(val, out var max) && max > 0:
                    builder.MaxPoolSize = max;
                    break;
                case "max_idle_conns" when int.TryParse(val, out var idle) && idle >= 0:
                    builder.MinPoolSize = Math.Min(idle, builder.MaxPoolSize);
                    break;
                case "connect_timeout" when int.TryParse(val, out var timeout) && timeout > 0:
                    builder.Timeout = timeout;
                    break;
                case "search_path":
                    builder.SearchPath = val;
                    break;
                case "application_name":
                    builder.ApplicationName = val;
                    break;
                default:
                    break; // Kratos's pop-specific knobs (max_conn_lifetime, …) have no Npgsql twin
            }
        }

        dsn = new Dsn(DatabaseKind.Postgres, builder.ConnectionString, InMemory: false);
        return true;
    }

    static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq >= 0 ? part[..eq] : part);
            result[key] = eq >= 0 ? Uri.UnescapeDataString(part[(eq + 1)..]) : "";
        }

        return result;
    }

    /// <summary>The DSN without its password, for messages and logs.</summary>
    public static string Redact(string value)
    {
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (schemeEnd < 0 || at < schemeEnd)
        {
            return value;
        }

        var userInfo = value[(schemeEnd + 3)..at];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? value : value[..(schemeEnd + 3)] + userInfo[..colon] + ":***" + value[at..];
    }
}
