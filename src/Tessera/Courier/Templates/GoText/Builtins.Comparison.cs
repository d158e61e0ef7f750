namespace Tessera.Courier.Templates.GoText;

internal static partial class Builtins
{
    enum BasicKind
    {
        Invalid,
        Bool,
        Int,
        Float,
        String,
    }

    static BasicKind KindOf(object? v) => v switch
    {
        bool => BasicKind.Bool,
        long => BasicKind.Int,
        double => BasicKind.Float,
        string => BasicKind.String,
        _ => BasicKind.Invalid,
    };

    static bool IsNumber(BasicKind k) => k is BasicKind.Int or BasicKind.Float;

    static double AsDouble(object? v) => v is long l ? l : (double)v!;

    /// <summary>
    /// eq a b c… is a==b || a==c …, on basic types. Go refuses to compare an int with a float64; Tessera compares them
    /// by value, because JSON numbers from traits are float64 while literals are ints ("eq .Identity.traits.age 30").
    /// </summary>
    public static bool Equal(object? arg1, ReadOnlySpan<object?> others)
    {
        if (others.Length == 0)
        {
            throw new FunctionException("missing argument for comparison");
        }

        var k1 = KindOf(arg1);
        foreach (var arg in others)
        {
            var k2 = KindOf(arg);
            bool truth;
            if (k1 != k2)
            {
                if (IsNumber(k1) && IsNumber(k2))
                {
                    truth = AsDouble(arg1) == AsDouble(arg);
                }
                else if (!IsNil(arg1) && !IsNil(arg))
                {
                    throw new FunctionException($"incompatible types for comparison: {GoValues.TypeName(arg1)} and {GoValues.TypeName(arg)}");
                }
                else
                {
                    truth = false;
                }
            }
            else
            {
                truth = k1 switch
                {
                    BasicKind.Bool => (bool)arg1! == (bool)arg!,
                    BasicKind.Int => (long)arg1! == (long)arg!,
                    BasicKind.Float => (double)arg1! == (double)arg!,
                    BasicKind.String => string.Equals((string)arg1!, (string)arg!, StringComparison.Ordinal),
                    _ => EqualOther(arg1, arg),
                };
            }

            if (truth)
            {
                return true;
            }
        }

        return false;
    }

    static bool EqualOther(object? a, object? b)
    {
        if (IsNil(a) || IsNil(b))
        {
            return IsNil(a) == IsNil(b);
        }

        if (a!.GetType() != b!.GetType())
        {
            throw new FunctionException($"non-comparable types {GoFormat.FormatV(a)}: {GoValues.TypeName(a)}, {GoValues.TypeName(b)}: {GoFormat.FormatV(b)}");
        }

        return a switch
        {
            GoTime t => t == (GoTime)b,
            GoStruct => ReferenceEquals(a, b),
            _ => throw new FunctionException($"non-comparable type {GoFormat.FormatV(b)}: {GoValues.TypeName(b)}"),
        };
    }

    /// <summary>lt: ordered comparison of ints, floats (mixed allowed, see <see cref="Equal"/>) and strings (by bytes).</summary>
    public static bool Less(object? a, object? b)
    {
        var k1 = KindOf(a);
        var k2 = KindOf(b);
        if (k1 == BasicKind.Invalid || k2 == BasicKind.Invalid)
        {
            throw new FunctionException("invalid type for comparison");
        }

        if (k1 != k2)
        {
            if (IsNumber(k1) && IsNumber(k2))
            {
                return AsDouble(a) < AsDouble(b);
            }

            throw new FunctionException($"incompatible types for comparison: {GoValues.TypeName(a)} and {GoValues.TypeName(b)}");
        }

        return k1 switch
        {
            BasicKind.Int => (long)a! < (long)b!,
            BasicKind.Float => (double)a! < (double)b!,
            BasicKind.String => string.CompareOrdinal((string)a!, (string)b!) < 0,
            _ => throw new FunctionException("invalid type for comparison"),
        };
    }
}
