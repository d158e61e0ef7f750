using System.Buffers;
using System.Globalization;
using System.Text;
using SQLitePCL;

namespace Tessera.Persistence;

/// <summary>
/// Binds values to SQLite statements by position as SQLite stores them (<see cref="SqlDialect"/>'s text forms for UUIDs
/// and times), encoding text as UTF-8 into one reused buffer (SQLite copies each value). Bulk inserts bind millions of
/// values; a string per UUID or time, and another UTF-8 copy of each, were a tenth of an import.
/// </summary>
internal sealed class SqliteBinder : IDisposable
{
    byte[] _text = ArrayPool<byte>.Shared.Rent(4096);

    // The rows of a batch mostly share their timestamps: the last one formatted is kept.
    readonly byte[] _timeText = new byte[48];
    DateTime _lastTime;
    int _lastTimeLength;

    public int Bind(sqlite3_stmt statement, int index, SqlValue value)
    {
        switch (value.Value)
        {
            case null:
                return raw.sqlite3_bind_null(statement, index);
            case Guid uuid when value.Kind == SqlValueKind.Uuid:
                uuid.TryFormat(_text, out var uuidLength, "D");
                return raw.sqlite3_bind_text(statement, index, _text.AsSpan(0, uuidLength));
            case DateTime time when value.Kind == SqlValueKind.Time:
                if (_lastTimeLength == 0 || time != _lastTime)
                {
                    time.TryFormat(_timeText, out _lastTimeLength, SqlDialect.SqliteTimeFormat, CultureInfo.InvariantCulture);
                    _lastTime = time;
                }

                return raw.sqlite3_bind_text(statement, index, _timeText.AsSpan(0, _lastTimeLength));
            case string { Length: 0 }:
                // An empty span would reach SQLite as a null pointer, which binds NULL, not "".
                return raw.sqlite3_bind_text(statement, index, "");
            case string text:
                if (Encoding.UTF8.GetMaxByteCount(text.Length) > _text.Length)
                {
                    ArrayPool<byte>.Shared.Return(_text);
                    _text = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
                }

                return raw.sqlite3_bind_text(statement, index, _text.AsSpan(0, Encoding.UTF8.GetBytes(text, _text)));
            case bool flag:
                return raw.sqlite3_bind_int(statement, index, flag ? 1 : 0);
            case int number:
                return raw.sqlite3_bind_int64(statement, index, number);
            case long number:
                return raw.sqlite3_bind_int64(statement, index, number);
            default:
                throw new ArgumentException($"no SQLite binding for a {value.Value.GetType().Name} value", nameof(value));
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_text);
        _text = [];
    }
}
