using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Schemas;
using Tessera.Text;

namespace Tessera.Flows;

/// <summary>
/// Puts schema violations of the traits on the flow's nodes with Kratos's message ids (API.md §3.6): a missing
/// property on its own node, a limit with its context, a pointer at the root on the flow itself.
/// </summary>
internal static class SchemaErrorMessages
{
    /// <summary>Adds one message per violation; returns whether there was any.</summary>
    public static bool Apply(UiContainer ui, IReadOnlyList<TraitError> errors, JsonObject traits, IdentitySchema schema)
    {
        var root = new JsonObject { ["traits"] = traits.DeepClone() };
        foreach (var error in errors)
        {
            var schemaNode = At(schema.Document, error.SchemaPointer);
            var instance = At(root, error.InstancePointer);
            if (error.Keyword == "required")
            {
                foreach (var missing in MissingProperties(schema.Document, error.SchemaPointer, instance))
                {
                    var name = UiContainer.NodeNameFromPointer(error.InstancePointer + "/" + missing);
                    ui.AddMessage(name, Messages.Required(missing));
                }

                continue;
            }

            var message = Translate(error, schemaNode, instance);
            var node = UiContainer.NodeNameFromPointer(error.InstancePointer);
            if (string.IsNullOrEmpty(node))
            {
                ui.AddMessage(message);
            }
            else
            {
                ui.AddMessage(node, message);
            }
        }

        return errors.Count > 0;
    }

    static UiText Translate(TraitError error, JsonElement keywordValue, JsonNode? instance)
    {
        var text = instance is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        var number = instance is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? double.Parse(n.ToJsonString(), CultureInfo.InvariantCulture) : 0;
        double Limit() => keywordValue.ValueKind == JsonValueKind.Number ? keywordValue.GetDouble() : 0;
        return error.Keyword switch
        {
            "minLength" => Messages.MinLength((long)Limit(), text?.Length ?? 0),
            "maxLength" => Messages.MaxLength((long)Limit(), text?.Length ?? 0),
            "pattern" => Messages.InvalidFormat(keywordValue.ValueKind == JsonValueKind.String ? keywordValue.GetString()! : ""),
            "minimum" => Messages.Minimum(Limit(), number),
            "exclusiveMinimum" => Messages.ExclusiveMinimum(Limit(), number),
            "maximum" => Messages.Maximum(Limit(), number),
            "exclusiveMaximum" => Messages.ExclusiveMaximum(Limit(), number),
            "multipleOf" => Messages.MultipleOf(Limit(), number),
            "maxItems" => Messages.MaxItems((long)Limit(), (instance as JsonArray)?.Count ?? 0),
            "minItems" => Messages.MinItems((long)Limit(), (instance as JsonArray)?.Count ?? 0),
            "type" => Messages.WrongType(Types(keywordValue), TypeName(instance)),
            "const" => Messages.Const(keywordValue.ValueKind == JsonValueKind.Undefined ? null : JsonNode.Parse(keywordValue.GetRawText())),
            "format" when keywordValue.ValueKind == JsonValueKind.String && keywordValue.GetString() is "email" or "email_loose" => Messages.InvalidEmail(text ?? ""),
            "format" when keywordValue.ValueKind == JsonValueKind.String && keywordValue.GetString() == "tel" => Messages.InvalidPhone(text ?? ""),
            _ => Messages.Generic(error.Message),
        };
    }

    static IReadOnlyList<string> Types(JsonElement type) => type.ValueKind switch
    {
        JsonValueKind.String => [type.GetString()!],
        JsonValueKind.Array => type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList(),
        _ => [],
    };

    static string TypeName(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };

    static IEnumerable<string> MissingProperties(JsonElement document, string schemaPointer, JsonNode? instance)
    {
        var required = At(document, schemaPointer);
        if (required.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var name in required.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!))
        {
            if (instance is not JsonObject obj || !obj.ContainsKey(name))
            {
                yield return name;
            }
        }
    }

    /// <summary>The schema value an evaluation path names, following local <c>$ref</c>s on the way.</summary>
    static JsonElement At(JsonElement document, string pointer)
    {
        var current = document;
        foreach (var raw in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = SchemaWalker.Resolve(document, current);
            if (segment == "$ref")
            {
                continue;
            }

            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return default;
            }
        }

        return current;
    }

    static JsonNode? At(JsonNode root, string pointer)
    {
        JsonNode? current = root;
        foreach (var raw in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return current;
    }
}
