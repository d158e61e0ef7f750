using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Text;

// JSON-schema validation errors → Kratos messages (API.md §3.6).
internal static partial class Messages
{
    /// <summary>
    /// Translates one failed schema keyword into Kratos's message. The caller passes what the validator knows:
    /// <paramref name="value"/> is the failing instance value; <paramref name="limit"/> is the schema's value for the
    /// keyword (the number of <c>minLength</c>/<c>minimum</c>/…, the pattern, the <c>type</c> string or array, the
    /// <c>const</c>, the format name); <paramref name="property"/> is the missing property for <c>required</c>;
    /// <paramref name="reason"/> is the validator's own sentence, used for keywords Kratos has no id for (4000001).
    /// When the facts a keyword needs are missing, the result is 4000001 as well.
    /// </summary>
    public static UiText FromSchemaError(string keyword, JsonNode? value = null, JsonNode? limit = null,
        string? property = null, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        var translated = keyword switch
        {
            "required" when property is not null => Required(property),
            "minLength" when Integer(limit) is { } min && value is JsonValue s && Text(s) is { } text => MinLength(min, RuneCount(text)),
            "maxLength" when Integer(limit) is { } max && value is JsonValue s && Text(s) is { } text => MaxLength(max, RuneCount(text)),
            "pattern" when limit is JsonValue p && Text(p) is { } pattern => InvalidFormat(pattern),
            "minimum" when Number(limit) is { } l && Number(value) is { } a => Minimum(l, a),
            "exclusiveMinimum" when Number(limit) is { } l && Number(value) is { } a => ExclusiveMinimum(l, a),
            "maximum" when Number(limit) is { } l && Number(value) is { } a => Maximum(l, a),
            "exclusiveMaximum" when Number(limit) is { } l && Number(value) is { } a => ExclusiveMaximum(l, a),
            "multipleOf" when Number(limit) is { } l && Number(value) is { } a => MultipleOf(l, a),
            "maxItems" when Integer(limit) is { } l && value is JsonArray items => MaxItems(l, items.Count),
            "minItems" when Integer(limit) is { } l && value is JsonArray items => MinItems(l, items.Count),
            "uniqueItems" when value is JsonArray items && FirstDuplicate(items) is var (a, b) => UniqueItems(a, b),
            "type" when AllowedTypes(limit) is { Count: > 0 } allowed => WrongType(allowed, TypeName(value)),
            "const" => limit is null ? ConstGeneric() : Const(limit),
            "format" when limit is JsonValue f && Text(f) is "email" or "email_loose" => InvalidEmail(ValueText(value)),
            "format" when limit is JsonValue f && Text(f) is "tel" => InvalidPhone(ValueText(value)),
            _ => null,
        };

        return translated ?? Generic(reason ?? $"{keyword} failed");
    }

    /// <summary>The JSON-schema type name of an instance value, as Kratos's validator reports it ("number" for all numbers).</summary>
    internal static string TypeName(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
        _ => "null",
    };

    static string? Text(JsonValue value) => value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    static string ValueText(JsonNode? value) => value is JsonValue v && Text(v) is { } s ? s : value?.ToJsonString() ?? "";

    // Go counts characters of a string in runes (code points), not UTF-16 units.
    static long RuneCount(string text) => text.EnumerateRunes().Count();

    static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    static long? Integer(JsonNode? node) => Number(node) is { } d && d == Math.Floor(d) ? (long)d : null;

    static List<string>? AllowedTypes(JsonNode? limit) => limit switch
    {
        JsonValue v when Text(v) is { } one => [one],
        JsonArray a => a.OfType<JsonValue>().Select(Text).OfType<string>().ToList(),
        _ => null,
    };

    // The validator compares each item with the ones before it and reports the first equal pair (earlier index first).
    static (int, int)? FirstDuplicate(JsonArray items)
    {
        for (var i = 1; i < items.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (JsonNode.DeepEquals(items[i], items[j]))
                {
                    return (j, i);
                }
            }
        }

        return null;
    }
}
