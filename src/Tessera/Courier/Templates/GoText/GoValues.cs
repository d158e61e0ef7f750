using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Courier.Templates.GoText;

/// <summary>
/// The value model templates run on. A value is one of: null (Go's nil), <see cref="Missing"/>, string, bool, long (Go
/// int), double (Go float64), <see cref="GoMap"/>, <c>List&lt;object?&gt;</c> (Go []interface{}), <see cref="GoStruct"/>
/// or <see cref="GoTime"/>. A closed set, so the evaluator needs no reflection.
/// </summary>
internal static class GoValues
{
    /// <summary>
    /// Converts JSON the way Go's encoding/json fills an interface{}: objects become maps and every number parsed from
    /// JSON text becomes a float64 (so 1000000 prints as 1e+06, as in Kratos). Numbers created from .NET integers stay ints.
    /// </summary>
    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => new GoMap(o.Select(p => new KeyValuePair<string, object?>(p.Key, FromJson(p.Value)))),
        JsonArray a => a.Select(FromJson).ToList(),
        JsonValue v => FromJsonValue(v),
        _ => null,
    };

    static object? FromJsonValue(JsonValue v)
    {
        switch (v.GetValueKind())
        {
            case JsonValueKind.String:
                return v.GetValue<string>();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                if (v.TryGetValue<JsonElement>(out var element))
                {
                    return element.GetDouble();
                }

                if (v.TryGetValue<long>(out var l))
                {
                    return l;
                }

                if (v.TryGetValue<int>(out var i))
                {
                    return (long)i;
                }

                if (v.TryGetValue<double>(out var d))
                {
                    return d;
                }

                return double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
            default:
                return null;
        }
    }

    /// <summary>Accepts what callers pass as template data: JSON nodes are converted, model values pass through.</summary>
    public static object? FromData(object? data) => data switch
    {
        JsonNode node => FromJson(node),
        int i => (long)i,
        float f => (double)f,
        _ => data,
    };

    /// <summary>Go's truth: false, 0, nil and empty strings, maps and lists are false; structs are always true.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null or Missing => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        GoMap m => m.Count > 0,
        List<object?> list => list.Count > 0,
        _ => true,
    };

    /// <summary>The Go type name used in error messages ("wrong type for value; expected string; got float64").</summary>
    public static string TypeName(object? value) => value switch
    {
        null or Missing => "interface {}",
        string => "string",
        bool => "bool",
        long => "int",
        double => "float64",
        GoMap => "map[string]interface {}",
        List<object?> => "[]interface {}",
        GoStruct s => s.TypeName,
        GoTime => "time.Time",
        _ => value.GetType().Name,
    };

    /// <summary>Go's reflect kind name, as sprig's list functions print it.</summary>
    public static string KindName(object? value) => value switch
    {
        null or Missing => "invalid",
        string => "string",
        bool => "bool",
        long => "int",
        double => "float64",
        GoMap => "map",
        List<object?> => "slice",
        _ => "struct",
    };

    const int MaxNesting = 100;

    /// <summary>
    /// Stops printing, encoding or comparing a value nested deeper than any real data: a template can make a map that
    /// contains itself (set $m "self" $m), which Go would print until it runs out of stack.
    /// </summary>
    public static void CheckNesting(int depth)
    {
        if (depth > MaxNesting)
        {
            throw new FunctionException("value is nested too deeply (a map or list that contains itself?)");
        }
    }

    /// <summary>Length in Go terms: strings count UTF-8 bytes.</summary>
    public static int ByteLength(string s) => System.Text.Encoding.UTF8.GetByteCount(s);
}
