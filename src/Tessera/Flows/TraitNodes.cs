using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Flows.Ui;
using Tessera.Schemas;
using Tessera.Text;

namespace Tessera.Flows;

/// <summary>One input node per leaf trait of the identity schema (API.md §3.4), in the schema's property order.</summary>
internal static class TraitNodes
{
    public static IEnumerable<UiNode> Generate(IdentitySchema schema, string group)
    {
        var traits = SchemaWalker.TraitsSchema(schema.Document);
        var nodes = new List<UiNode>();
        Walk(schema.Document, traits, "traits", required: false, group, nodes, 0);
        return nodes;
    }

    static void Walk(JsonElement root, JsonElement schema, string name, bool required, string group, List<UiNode> nodes, int depth)
    {
        schema = SchemaWalker.Resolve(root, schema);
        if (depth > 16 || schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            var requiredNames = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
                ? r.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal)
                : [];
            foreach (var property in properties.EnumerateObject())
            {
                Walk(root, property.Value, name + "." + property.Name, requiredNames.Contains(property.Name), group, nodes, depth + 1);
            }

            return;
        }

        var type = schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type == "object")
        {
            return; // free-form JSON has no form field
        }

        var format = schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var (inputType, autocomplete) = (format, type) switch
        {
            ("email", _) => ("email", "email"),
            ("tel", _) => ("tel", "tel"),
            ("date", _) => ("date", null),
            ("date-time", _) => ("datetime-local", null),
            ("uri", _) => ("url", "url"),
            (_, "number" or "integer") => ("number", null),
            (_, "boolean") => ("checkbox", (string?)null),
            _ => ("text", null),
        };
        var title = schema.TryGetProperty("title", out var ti) && ti.ValueKind == JsonValueKind.String ? ti.GetString() : null;
        var pattern = schema.TryGetProperty("pattern", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var disabled = schema.TryGetProperty("disableFormField", out var d) && d.ValueKind == JsonValueKind.True;
        List<JsonNode?>? options = schema.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array
            ? e.EnumerateArray().Take(500).Select(x => JsonNode.Parse(x.GetRawText())).ToList()
            : null;
        nodes.Add(UiNode.InputField(name, inputType, group, required: required, autocomplete: autocomplete, pattern: pattern, disabled: disabled,
            options: options, label: title is null ? null : Messages.LabelGenerated(title, name)));
    }

    /// <summary>Writes submitted trait values back into their nodes, so a re-rendered form keeps what the user typed.</summary>
    public static void WriteValues(UiContainer ui, JsonObject traits, string prefix = "traits")
    {
        foreach (var (key, value) in traits)
        {
            var name = prefix + "." + key;
            if (value is JsonObject child)
            {
                WriteValues(ui, child, name);
            }
            else
            {
                ui.SetValue(name, value?.DeepClone());
            }
        }
    }
}
