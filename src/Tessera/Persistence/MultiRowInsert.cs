using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Tessera.Persistence;

/// <summary>
/// Rows of one table written with multi-row INSERT statements (VALUES (…), (…), …): one statement per few hundred rows
/// instead of one per row. Each statement is parsed, planned and sent once, which is most of what a row costs on
/// loopback; bulk imports are bound by it.
/// </summary>
internal sealed class MultiRowInsert(SqlDialect dialect, string table, params string[] columns)
{
    readonly List<SqlValue[]> _rows = [];

    public int Count => _rows.Count;

    public void Add(params SqlValue[] row)
    {
        if (row.Length != columns.Length)
        {
            throw new ArgumentException($"{table}: {row.Length} values for {columns.Length} columns", nameof(row));
        }

        _rows.Add(row);
    }

    public async Task ExecuteAsync(DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        if (connection is SqliteConnection sqlite)
        {
            ExecuteSqlite(sqlite);
            return;
        }

        var perStatement = Math.Max(1, dialect.MaxParametersPerStatement / columns.Length);
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < _rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, _rows.Count - start);
                if (count == perStatement && full is not null)
                {
                    // The same statement again: new values in the parameters it has, so the driver reuses the prepared statement.
                    var n = 0;
                    for (var r = start; r < start + count; r++)
                    {
                        foreach (var value in _rows[r])
                        {
                            full.Parameters[n++].Value = dialect.ToParameterValue(value);
                        }
                    }

                    await full.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    continue;
                }

                var command = Database.Command(connection, Sql(count), tx);
                await using (count == perStatement ? null : command)
                {
                    var n = 0;
                    for (var r = start; r < start + count; r++)
                    {
                        foreach (var value in _rows[r])
                        {
                            value.Bind(dialect, command, Names[n++]);
                        }
                    }

                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                if (count == perStatement)
                {
                    full = command;
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // Named as they appear in the SQL: Microsoft.Data.Sqlite looks a name up as given first and only then with "@", "$"
    // or ":" before it, and each lookup is a scan of the statement's names.
    static readonly string[] Names = Enumerable.Range(0, SqlDialect.MaxParametersPerStatementLimit).Select(i => "@p" + i).ToArray();

    /// <summary>
    /// SQLite: statements prepared on the connection's own handle (inside its open transaction) and values bound by
    /// position. Binding through ADO.NET parameters looks each name up and was most of a bulk import's time.
    /// </summary>
    void ExecuteSqlite(SqliteConnection connection)
    {
        var db = connection.Handle!;
        var perStatement = Math.Max(1, dialect.MaxParametersPerStatement / columns.Length);
        sqlite3_stmt? full = null;
        using var binder = new SqliteBinder();
        try
        {
            for (var start = 0; start < _rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, _rows.Count - start);
                var statement = count == perStatement ? full ??= Prepare(db, Sql(count)) : Prepare(db, Sql(count));
                try
                {
                    var index = 1;
                    for (var r = start; r < start + count; r++)
                    {
                        foreach (var value in _rows[r])
                        {
                            Check(db, binder.Bind(statement, index++, value));
                        }
                    }

                    var rc = raw.sqlite3_step(statement);
                    if (rc != raw.SQLITE_DONE)
                    {
                        SqliteException.ThrowExceptionForRC(rc, db);
                    }
                }
                finally
                {
                    raw.sqlite3_reset(statement);
                    raw.sqlite3_clear_bindings(statement);
                    if (statement != full)
                    {
                        statement.Dispose();
                    }
                }
            }
        }
        finally
        {
            full?.Dispose();
        }
    }

    static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        return statement;
    }

    static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    string Sql(int rows)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", columns).Append(") VALUES ");
        var n = 0;
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                sql.Append(c == 0 ? "@p" : ", @p").Append(n++);
            }

            sql.Append(')');
        }

        return sql.ToString();
    }
}

/// <summary>A value bound the way its column wants it (UUIDs, timestamps and JSON differ between the dialects).</summary>
internal readonly record struct SqlValue(SqlValueKind Kind, object? Value)
{
    public static SqlValue Uuid(Guid? value) => new(SqlValueKind.Uuid, value);

    public static SqlValue Time(DateTime? utc) => new(SqlValueKind.Time, utc);

    public static SqlValue Json(string? json) => new(SqlValueKind.Json, json);

    public static SqlValue Of(object? value) => new(SqlValueKind.Plain, value);

    public void Bind(SqlDialect dialect, DbCommand command, string name)
    {
        switch (Kind)
        {
            case SqlValueKind.Uuid:
                dialect.AddUuid(command, name, (Guid?)Value);
                break;
            case SqlValueKind.Time:
                dialect.AddTime(command, name, (DateTime?)Value);
                break;
            case SqlValueKind.Json:
                dialect.AddJson(command, name, (string?)Value);
                break;
            default:
                SqlDialect.Add(command, name, Value);
                break;
        }
    }
}

internal enum SqlValueKind
{
    Plain,
    Uuid,
    Time,
    Json,
}
