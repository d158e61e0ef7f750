using System.Data.Common;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Tessera.Persistence;

/// <summary>
/// The few real differences between SQLite and PostgreSQL: how UUIDs, timestamps and JSON are bound and read.
/// SQL text is shared; only parameters and migrations differ.
/// </summary>
internal abstract class SqlDialect
{
    public abstract DatabaseKind Kind { get; }

    /// <summary>How many values one multi-row INSERT binds (see <see cref="MultiRowInsert"/>).</summary>
    public abstract int MaxParametersPerStatement { get; }

    public const int MaxParametersPerStatementLimit = 1_000;

    public abstract void AddUuid(DbCommand command, string name, Guid? value);

    public abstract void AddTime(DbCommand command, string name, DateTime? utc);

    public abstract void AddJson(DbCommand command, string name, string? json);

    public abstract DateTime GetTime(DbDataReader reader, int ordinal);

    /// <summary>The value a parameter created by <see cref="AddUuid"/>, <see cref="AddTime"/> or <see cref="AddJson"/> holds.</summary>
    public abstract object ToParameterValue(SqlValue value);

    public DateTime? GetTimeOrNull(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : GetTime(reader, ordinal);

    public static void Add(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }

    /// <summary>Where SQLite's and PostgreSQL's error codes say "unique constraint".</summary>
    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>How SQLite columns hold times: fixed-width UTC text sorts like the instant it names.</summary>
    public const string SqliteTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static SqlDialect For(DatabaseKind kind) => kind == DatabaseKind.Sqlite ? new SqliteDialect() : new PostgresDialect();

    sealed class SqliteDialect : SqlDialect
    {

        public override DatabaseKind Kind => DatabaseKind.Sqlite;

        // SQLite finds each bound parameter by name with a linear scan of the statement's names, so wide statements cost
        // more per value than they save; a few rows a statement, prepared once and run again, is its fastest.
        public override int MaxParametersPerStatement => 64;

        public override void AddUuid(DbCommand command, string name, Guid? value) => Add(command, name, ToParameterValue(SqlValue.Uuid(value)));

        public override void AddTime(DbCommand command, string name, DateTime? utc) => Add(command, name, ToParameterValue(SqlValue.Time(utc)));

        public override object ToParameterValue(SqlValue value) => value switch
        {
            { Value: null } => DBNull.Value,
            { Kind: SqlValueKind.Uuid, Value: Guid g } => g.ToString("D"),
            { Kind: SqlValueKind.Time, Value: DateTime t } => t.ToString(SqliteTimeFormat, CultureInfo.InvariantCulture),
            _ => value.Value,
        };

        public override void AddJson(DbCommand command, string name, string? json) => Add(command, name, json);

        public override DateTime GetTime(DbDataReader reader, int ordinal) =>
            DateTime.ParseExact(reader.GetString(ordinal), SqliteTimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        public override bool IsUniqueViolation(DbException exception) =>
            exception is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };
    }

    sealed class PostgresDialect : SqlDialect
    {
        public override DatabaseKind Kind => DatabaseKind.Postgres;

        // Each statement is a round trip: many rows a statement, up to a thousand values.
        public override int MaxParametersPerStatement => MaxParametersPerStatementLimit;

        public override void AddUuid(DbCommand command, string name, Guid? value) =>
            command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Uuid) { Value = value is { } v ? v : DBNull.Value });

        public override void AddTime(DbCommand command, string name, DateTime? utc) =>
            command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = utc is { } v ? v : DBNull.Value });

        public override void AddJson(DbCommand command, string name, string? json) =>
            command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = (object?)json ?? DBNull.Value });

        public override DateTime GetTime(DbDataReader reader, int ordinal) =>
            DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

        public override object ToParameterValue(SqlValue value) => value.Value ?? DBNull.Value;

        public override bool IsUniqueViolation(DbException exception) =>
            exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
    }
}
