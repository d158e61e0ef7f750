using Npgsql;

namespace Tessera.Tests.Infrastructure;

/// <summary>
/// A fresh database for one test server: a SQLite file in a temp folder, or a new database on the PostgreSQL named by
/// TESSERA_TEST_POSTGRES_DSN. Without that variable PostgreSQL tests skip locally, and fail in CI (CI=true).
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "TESSERA_TEST_POSTGRES_DSN";

    readonly Func<ValueTask>? _cleanup;

    TestDatabase(string dsn, Func<ValueTask>? cleanup)
    {
        Dsn = dsn;
        _cleanup = cleanup;
    }

    public string Dsn { get; }

    public static TestDatabase Sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("tessera-test-");
        return new TestDatabase($"sqlite://{Path.Combine(folder.FullName, "tessera.db")}?_fk=true", () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
            }

            return ValueTask.CompletedTask;
        });
    }

    /// <summary>The reason PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? PostgresUnavailableReason()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresVariable)))
        {
            return null;
        }

        var reason = $"{PostgresVariable} is not set, so the PostgreSQL half of the suite is skipped (.ci/run sets it).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("In CI PostgreSQL must be available: " + reason);
        }

        return reason;
    }

    public static async Task<TestDatabase> PostgresAsync()
    {
        var serverDsn = Environment.GetEnvironmentVariable(PostgresVariable)!;
        var uri = new Uri(serverDsn);
        var name = "tessera_test_" + Guid.NewGuid().ToString("N")[..12];
        var admin = AdminConnectionString(uri);
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new UriBuilder(uri) { Path = "/" + name };
        return new TestDatabase(builder.Uri.ToString(), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                    await drop.ExecuteNonQueryAsync();
                    return;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
                {
                    // FORCE may not end an autovacuum worker busy in the new database (it is not our role's); it is done soon.
                    await Task.Delay(250);
                }
            }
        });
    }

    static string AdminConnectionString(Uri uri)
    {
        var user = uri.UserInfo.Split(':');
        return new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Username = Uri.UnescapeDataString(user[0]),
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
            Database = uri.AbsolutePath.Trim('/'),
            Pooling = false,
        }.ConnectionString;
    }

    public ValueTask DisposeAsync() => _cleanup?.Invoke() ?? ValueTask.CompletedTask;
}
