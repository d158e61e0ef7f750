using System.Globalization;

namespace Tessera.Courier.Templates.GoText;

/// <summary>
/// The Sprig v3 functions Kratos templates use, with Sprig's argument order (the data last, so "x | trimPrefix \"a\""
/// works) and its forgiving conversions (cast.ToInt64 turns "12" into 12 and anything odd into 0).
/// </summary>
internal static partial class Sprig
{
    public static void Register(Dictionary<string, GoFunction> t)
    {
        RegisterStrings(t);
        RegisterDefaults(t);
        RegisterLists(t);
        RegisterMaps(t);
        RegisterMath(t);
        RegisterEncoding(t);
        RegisterDates(t);
        RegisterEnvironment(t);
    }

    /// <summary>Sprig's strval: strings as they are, anything else through %v (nil is "&lt;nil&gt;").</summary>
    public static string Strval(object? v) => v is string s ? s : GoFormat.FormatV(v);

    /// <summary>Sprig's strslice: a list's non-nil items as strings, or the value itself as a one-item list.</summary>
    static List<string> StrSlice(object? v) => v switch
    {
        List<object?> list => list.Where(i => i is not null).Select(Strval).ToList(),
        null or Missing => [],
        _ => [Strval(v)],
    };

    /// <summary>Sprig's empty: Go's zero values, with structs (and times) never empty.</summary>
    public static bool Empty(object? v) => v switch
    {
        null or Missing => true,
        string s => s.Length == 0,
        bool b => !b,
        long l => l == 0,
        double d => d == 0,
        List<object?> list => list.Count == 0,
        GoMap m => m.Count == 0,
        _ => false,
    };

    /// <summary>cast.ToInt64: numbers truncated, bools as 0/1, strings parsed (base prefixes, "12.0"), anything else 0.</summary>
    public static long ToInt64(object? v)
    {
        switch (v)
        {
            case long l:
                return l;
            case double d:
                return double.IsFinite(d) ? (long)d : 0;
            case bool b:
                return b ? 1 : 0;
            case string s:
                return ParseInt(TrimZeroDecimal(s)) ?? 0;
            default:
                return 0;
        }
    }

    static string TrimZeroDecimal(string s)
    {
        var foundZero = false;
        for (var i = s.Length; i > 0; i--)
        {
            switch (s[i - 1])
            {
                case '.':
                    if (foundZero)
                    {
                        return s[..(i - 1)];
                    }

                    break;
                case '0':
                    foundZero = true;
                    break;
                default:
                    return s;
            }
        }

        return s;
    }

    /// <summary>strconv.ParseInt(s, 0, 64).</summary>
    static long? ParseInt(string s)
    {
        if (s.Length == 0 || s.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }

        var literal = NumberLiteral.Parse(s, false, out var error);
        return error is null && literal.IsInt && s.AsSpan().IndexOfAny(".eEpP") < 0 ? literal.Int64 : null;
    }

    /// <summary>cast.ToFloat64.</summary>
    public static double ToFloat64(object? v) => v switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => 0,
    };

    /// <summary>reflect.DeepEqual over the value model: same types and equal contents.</summary>
    public static bool DeepEqual(object? a, object? b, int depth = 0)
    {
        GoValues.CheckNesting(depth);
        if (a is null or Missing || b is null or Missing)
        {
            return a is null or Missing && b is null or Missing;
        }

        return (a, b) switch
        {
            (string x, string y) => x == y,
            (long x, long y) => x == y,
            (double x, double y) => x.Equals(y),
            (bool x, bool y) => x == y,
            (GoTime x, GoTime y) => x == y,
            (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => DeepEqual(p.First, p.Second, depth + 1)),
            (GoMap x, GoMap y) => x.Count == y.Count && x.Entries.All(e => y.TryGet(e.Key, out var other) && DeepEqual(e.Value, other, depth + 1)),
            _ => ReferenceEquals(a, b),
        };
    }

    static List<object?> RequireList(object? v, string operation) => v switch
    {
        List<object?> list => list,
        null or Missing => throw new FunctionException("runtime error: invalid memory address or nil pointer dereference"),
        _ => throw new FunctionException($"Cannot {operation} on type {GoValues.KindName(v)}"),
    };

    static int AsInt(object? v) => (int)Math.Clamp((long)v!, int.MinValue, int.MaxValue);
}
