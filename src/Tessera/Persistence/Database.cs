using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tessera.Persistence;

/// <summary>Connections and transactions for one DSN; SQL lives in the stores beside their domain.</summary>
internal sealed class Database : IAsyncDisposable
{
    readonly NpgsqlDataSource? _postgres;
    readonly SqliteConnection? _memoryKeepAlive;
    readonly string _connectionString;
    volatile bool _journalModeSet;

    // SQLite has one writer at a time, and Microsoft.Data.Sqlite answers a busy database by sleeping 150 ms before it
    // tries again: this process's transactions queue here instead and start the moment the previous one ends.
    readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    public Database(Dsn dsn)
    {
        Dsn = dsn;
        Dialect = SqlDialect.For(dsn.Kind);
        _connectionString = dsn.ConnectionString;
        if (dsn.Kind == DatabaseKind.Postgres)
        {
            // The slim builder keeps NativeAOT clean; JSON travels as text cast to jsonb by the parameter type.
            _postgres = new NpgsqlSlimDataSourceBuilder(dsn.ConnectionString).Build();
        }
        else if (dsn.InMemory)
        {
            _memoryKeepAlive = new SqliteConnection(dsn.ConnectionString);
            _memoryKeepAlive.Open();
        }
    }

    public Dsn Dsn { get; }

    public SqlDialect Dialect { get; }

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(ct).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        if (!_journalModeSet && Dsn.JournalMode is { } mode)
        {
            // Kept in the file, so once per process is enough. With WAL, session checks read while logins write.
            // Another process holding the file may refuse the switch for now: the next connection tries again.
            try
            {
                await using var pragma = Command(connection, "PRAGMA journal_mode=" + mode);
                await pragma.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                _journalModeSet = true;
            }
            catch (SqliteException)
            {
            }
        }

        return connection;
    }

    public static DbCommand Command(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Runs writes that belong together in one transaction; a unique violation surfaces as <see cref="UniqueViolation"/>.</summary>
    public async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        if (_postgres is not null)
        {
            return await RunTransactionAsync(work, ct).ConfigureAwait(false);
        }

        // Bounded like SQLite's own busy timeout: a transaction begun inside another (a bug) fails instead of hanging.
        if (!await _sqliteWriter.WaitAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false))
        {
            throw new TimeoutException("waited 30 s for the database's write lock");
        }

        try
        {
            return await RunTransactionAsync(work, ct).ConfigureAwait(false);
        }
        finally
        {
            _sqliteWriter.Release();
        }
    }

    async Task<T> RunTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        // SQLite: BEGIN IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading a read lock.
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct).ConfigureAwait(false);
        try
        {
            var result = await work(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return result;
        }
        catch (DbException e) when (Dialect.IsUniqueViolation(e))
        {
            await SafeRollbackAsync(transaction).ConfigureAwait(false);
            throw new UniqueViolation(e);
        }
        catch
        {
            await SafeRollbackAsync(transaction).ConfigureAwait(false);
            throw;
        }
    }

    static async Task SafeRollbackAsync(DbTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // already completed or the connection broke: nothing left to undo
        }
        catch (DbException)
        {
        }
    }

    public async Task<bool> PingAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT 1");
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }

        if (_memoryKeepAlive is not null)
        {
            await _memoryKeepAlive.DisposeAsync().ConfigureAwait(false);
        }

        SqliteConnection.ClearAllPools();
    }
}
