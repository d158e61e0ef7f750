using static Tessera.Courier.Templates.GoText.ParamKind;

namespace Tessera.Courier.Templates.GoText;

internal static partial class Sprig
{
    // Sprig's integer maths converts every operand with cast.ToInt64 and answers int64.
    static void RegisterMath(Dictionary<string, GoFunction> t)
    {
        FunctionTable.Add(t, "add1", static (_, a) => ToInt64(a[0]) + 1, Any);
        FunctionTable.AddVariadic(t, "add", Any, static (_, a) => a.Aggregate(0L, (sum, v) => sum + ToInt64(v)));
        FunctionTable.Add(t, "sub", static (_, a) => ToInt64(a[0]) - ToInt64(a[1]), Any, Any);
        FunctionTable.AddVariadic(t, "mul", Any, static (_, a) => a.Skip(1).Aggregate(ToInt64(a[0]), (product, v) => product * ToInt64(v)), Any);
        FunctionTable.Add(t, "div", static (_, a) => ToInt64(a[0]) / NonZero(ToInt64(a[1])), Any, Any);
        FunctionTable.Add(t, "mod", static (_, a) => ToInt64(a[0]) % NonZero(ToInt64(a[1])), Any, Any);
        FunctionTable.AddVariadic(t, "max", Any, static (_, a) => a.Skip(1).Aggregate(ToInt64(a[0]), (m, v) => Math.Max(m, ToInt64(v))), Any);
        FunctionTable.AddVariadic(t, "biggest", Any, static (_, a) => a.Skip(1).Aggregate(ToInt64(a[0]), (m, v) => Math.Max(m, ToInt64(v))), Any);
        FunctionTable.AddVariadic(t, "min", Any, static (_, a) => a.Skip(1).Aggregate(ToInt64(a[0]), (m, v) => Math.Min(m, ToInt64(v))), Any);
        FunctionTable.Add(t, "int", static (_, a) => ToInt64(a[0]), Any);
        FunctionTable.Add(t, "int64", static (_, a) => ToInt64(a[0]), Any);
        FunctionTable.Add(t, "float64", static (_, a) => ToFloat64(a[0]), Any);
        FunctionTable.Add(t, "atoi", static (_, a) => Atoi((string)a[0]!), ParamKind.String);
    }

    static long NonZero(long divisor) =>
        divisor == 0 ? throw new FunctionException("runtime error: integer divide by zero") : divisor;

    /// <summary>strconv.Atoi with the error dropped: decimal only, anything else is 0.</summary>
    static long Atoi(string s)
    {
        var span = s.AsSpan();
        var digits = span.Length > 0 && span[0] is '+' or '-' ? span[1..] : span;
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9')
            && long.TryParse(span, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : 0;
    }
}
