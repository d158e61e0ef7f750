using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tessera.Bench;

/// <summary>A fresh, migrated database for one scenario: its DSN for Tessera, and direct access for the bench's own inserts.</summary>
internal abstract class BenchDatabase : IAsyncDisposable
{
    public required string Dsn { get; init; }
    public abstract bool IsPostgres { get; }

    public static BenchDatabase Create(Options opt, string tessera, string work, string backend, string label)
    {
        BenchDatabase db;
        if (backend == "SQLite")
        {
            var file = Path.Combine(work, label + ".db");
            db = new SqliteBench(file) { Dsn = $"sqlite://{file}?_fk=true" };
        }
        else
        {
            var adminCs = Suite.NpgsqlConnectionString(opt.Postgres!);
            var name = "tessera_bench_" + label + "_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            Suite.Exec(adminCs, $"DROP DATABASE IF EXISTS {name}");
            Suite.Exec(adminCs, $"CREATE DATABASE {name}");
            var url = new UriBuilder(new Uri(opt.Postgres!)) { Path = "/" + name }.Uri.ToString();
            db = new PostgresBench(adminCs, name) { Dsn = url };
        }

        Procs.Run(tessera, ["migrate", "sql", "-e", "--yes"], work, new Dictionary<string, string> { ["DSN"] = db.Dsn });
        return db;
    }

    protected abstract DbConnection Open();

    /// <summary>Runs the statements in one transaction; the seconds from BEGIN to COMMIT.</summary>
    public double InOneTransaction(IEnumerable<string> statements)
    {
        using var connection = Open();
        var clock = Stopwatch.StartNew();
        using var tx = connection.BeginTransaction();
        foreach (var sql in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = tx;
            command.CommandTimeout = 0;
            command.ExecuteNonQuery();
        }

        tx.Commit();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Brings the planner's statistics up to date after a bulk load (a production database is analysed too).</summary>
    public void Analyze() => InOneTransaction(["ANALYZE"]);

    public abstract ValueTask DisposeAsync();

    sealed class SqliteBench(string file) : BenchDatabase
    {
        public override bool IsPostgres => false;

        protected override DbConnection Open()
        {
            var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, ForeignKeys = true, Pooling = false }.ToString());
            c.Open();
            return c;
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    sealed class PostgresBench(string adminCs, string name) : BenchDatabase
    {
        public override bool IsPostgres => true;

        protected override DbConnection Open()
        {
            var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminCs) { Database = name, Pooling = false }.ConnectionString);
            c.Open();
            return c;
        }

        public override async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            // An autovacuum worker (another role) may still be in the new database; FORCE may not end it: wait and retry.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    Suite.Exec(adminCs, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    return;
                }
                catch (PostgresException e) when (e.SqlState is "42501" or "55006" && attempt < 20)
                {
                    await Task.Delay(500);
                }
                catch (PostgresException e) when (e.SqlState is "42501" or "55006")
                {
                    Console.WriteLine($"bench: could not drop database {name} ({e.MessageText}); drop it by hand");
                    return;
                }
            }
        }
    }
}
