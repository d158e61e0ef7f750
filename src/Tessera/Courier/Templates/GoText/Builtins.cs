using System.Globalization;
using System.Text;
using static Tessera.Courier.Templates.GoText.ParamKind;

namespace Tessera.Courier.Templates.GoText;

/// <summary>text/template's predefined functions (and, or, not, len, index, print*, html, js, urlquery, call, comparisons).</summary>
internal static partial class Builtins
{
    public static void Register(Dictionary<string, GoFunction> t)
    {
        // and/or are evaluated by the executor, which stops at the first deciding argument.
        FunctionTable.AddVariadic(t, "and", Value, static (_, a) => a[^1], Value);
        FunctionTable.AddVariadic(t, "or", Value, static (_, a) => a[^1], Value);
        FunctionTable.Add(t, "not", static (_, a) => !GoValues.IsTrue(a[0]), Value);
        FunctionTable.Add(t, "len", static (_, a) => Length(a[0]), Value);
        FunctionTable.AddVariadic(t, "index", Value, static (_, a) => Index(a[0], a.AsSpan(1)), Value);
        FunctionTable.AddVariadic(t, "print", Any, static (_, a) => GoFormat.Sprint(a));
        FunctionTable.AddVariadic(t, "printf", Any, static (_, a) => GoFormat.Sprintf((string)a[0]!, a[1..]), ParamKind.String);
        FunctionTable.AddVariadic(t, "println", Any, static (_, a) => GoFormat.Sprintln(a));
        FunctionTable.AddVariadic(t, "html", Any, static (_, a) => HtmlEscape(EvalArgs(a)));
        FunctionTable.AddVariadic(t, "js", Any, static (_, a) => JsEscape(EvalArgs(a)));
        FunctionTable.AddVariadic(t, "urlquery", Any, static (_, a) => QueryEscape(EvalArgs(a)));
        FunctionTable.AddVariadic(t, "call", Value, static (_, a) => Call(a[0]), Value);
        FunctionTable.AddVariadic(t, "eq", Value, static (_, a) => Equal(a[0], a.AsSpan(1)), Value);
        FunctionTable.Add(t, "ne", static (_, a) => !Equal(a[0], a.AsSpan(1)), Value, Value);
        FunctionTable.Add(t, "lt", static (_, a) => Less(a[0], a[1]), Value, Value);
        FunctionTable.Add(t, "le", static (_, a) => Less(a[0], a[1]) || Equal(a[0], a.AsSpan(1)), Value, Value);
        FunctionTable.Add(t, "gt", static (_, a) => !(Less(a[0], a[1]) || Equal(a[0], a.AsSpan(1))), Value, Value);
        FunctionTable.Add(t, "ge", static (_, a) => !Less(a[0], a[1]), Value, Value);
    }

    static bool IsNil(object? v) => v is null or Missing;

    static object Length(object? item) => item switch
    {
        null or Missing => throw new FunctionException("len of nil pointer"),
        string s => (long)GoValues.ByteLength(s),
        List<object?> list => (long)list.Count,
        GoMap map => (long)map.Count,
        _ => throw new FunctionException($"len of type {GoValues.TypeName(item)}"),
    };

    static object? Index(object? item, ReadOnlySpan<object?> indexes)
    {
        if (IsNil(item))
        {
            throw new FunctionException("index of untyped nil");
        }

        foreach (var index in indexes)
        {
            if (item is null)
            {
                throw new FunctionException("index of nil pointer");
            }

            switch (item)
            {
                case List<object?> list:
                    item = list[IndexArgument(index, list.Count)];
                    break;
                case string s:
                    var bytes = Encoding.UTF8.GetBytes(s);
                    item = (long)bytes[IndexArgument(index, bytes.Length)];
                    break;
                case GoMap map:
                    var key = index switch
                    {
                        string k => k,
                        null or Missing => throw new FunctionException("value is nil; should be of type string"),
                        _ => throw new FunctionException($"value has type {GoValues.TypeName(index)}; should be string"),
                    };

                    // A missing key yields the map's zero value, a nil interface.
                    item = map.TryGet(key, out var found) ? found : null;
                    break;
                default:
                    throw new FunctionException($"can't index item of type {GoValues.TypeName(item)}");
            }
        }

        return item;
    }

    static int IndexArgument(object? index, int length) => index switch
    {
        long x when x < 0 || x >= length => throw new FunctionException(string.Create(CultureInfo.InvariantCulture, $"index out of range: {x}")),
        long x => (int)x,
        null or Missing => throw new FunctionException("cannot index slice/array with nil"),
        _ => throw new FunctionException($"cannot index slice/array with type {GoValues.TypeName(index)}"),
    };

    static object Call(object? function) =>
        IsNil(function)
            ? throw new FunctionException("call of nil")
            : throw new FunctionException($"non-function of type {GoValues.TypeName(function)}: Tessera's template data holds no functions");

    /// <summary>text/template's evalArgs: fmt.Sprint of the arguments, where a nil argument prints as "&lt;no value&gt;".</summary>
    public static string EvalArgs(IReadOnlyList<object?> args)
    {
        if (args.Count == 1 && args[0] is string s)
        {
            return s;
        }

        var printable = new object?[args.Count];
        for (var i = 0; i < args.Count; i++)
        {
            printable[i] = IsNil(args[i]) ? "<no value>" : args[i];
        }

        return GoFormat.Sprint(printable);
    }

    /// <summary>template.HTMLEscapeString: the five HTML specials and NUL.</summary>
    public static string HtmlEscape(string s)
    {
        if (s.AsSpan().IndexOfAny("'\"&<>\0") < 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '\0' => "\uFFFD",
                '"' => "&#34;",
                '\'' => "&#39;",
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => null,
            } ?? c.ToString());
        }

        return sb.ToString();
    }

    /// <summary>template.JSEscapeString.</summary>
    public static string JsEscape(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        foreach (var rune in s.EnumerateRunes())
        {
            var r = rune.Value;
            switch (r)
            {
                case '\\': sb.Append("\\\\"); continue;
                case '\'': sb.Append("\\'"); continue;
                case '"': sb.Append("\\\""); continue;
                case '<': sb.Append("\\u003C"); continue;
                case '>': sb.Append("\\u003E"); continue;
                case '&': sb.Append("\\u0026"); continue;
                case '=': sb.Append("\\u003D"); continue;
            }

            if (r < ' ')
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u00{r:X2}");
            }
            else if (r < 0x80 || GoQuote.IsPrint(rune))
            {
                sb.Append(rune.ToString());
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{r:X4}");
            }
        }

        return sb.ToString();
    }

    /// <summary>url.QueryEscape: unreserved characters kept, space as '+', everything else %XX.</summary>
    public static string QueryEscape(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
            }
        }

        return sb.ToString();
    }
}
