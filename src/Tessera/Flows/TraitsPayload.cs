using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Schemas;

namespace Tessera.Flows;

/// <summary>
/// The <c>traits</c> of a submission, with form strings converted to the types the identity schema declares
/// (<c>"42"</c> → 42, <c>"true"</c> → true, one value → a one-item array), as Kratos's decoder does.
/// </summary>
internal static class TraitsPayload
{
    public static JsonObject Read(JsonObject payload, IdentitySchema schema)
    {
        var traits = payload["traits"] is JsonObject given ? (JsonObject)given.DeepClone() : [];
        Coerce(traits, SchemaWalker.TraitsSchema(schema.Document), schema.Document, 0);
        return traits;
    }

    static void Coerce(JsonObject obj, JsonElement schema, JsonElement root, int depth)
    {
        if (depth > 16 || schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties))
        {
            return;
        }

        foreach (var (name, value) in obj.ToList())
        {
            if (!properties.TryGetProperty(name, out var raw))
            {
                continue;
            }

            var property = SchemaWalker.Resolve(root, raw);
            switch (value)
            {
                case JsonObject child:
                    Coerce(child, property, root, depth + 1);
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    obj[name] = Convert(v.GetValue<string>(), property);
                    break;
            }
        }
    }

    static JsonNode? Convert(string text, JsonElement property)
    {
        var type = property.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "integer" when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l):
                return JsonValue.Create(l);
            case "number" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                return JsonValue.Create(d);
            case "boolean" when bool.TryParse(text, out var b):
                return JsonValue.Create(b);
            case "boolean" when text is "on" or "1":
                return JsonValue.Create(true);
            case "array":
                var items = property.TryGetProperty("items", out var i) ? i : default;
                return new JsonArray(Convert(text, items));
            default:
                return JsonValue.Create(text);
        }
    }
}
