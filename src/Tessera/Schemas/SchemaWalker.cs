using System.Text.Json;

namespace Tessera.Schemas;

/// <summary>Finds the traits that carry the <c>ory.sh/kratos</c> keyword, following local <c>$ref</c>s, arrays and <c>allOf</c>.</summary>
internal static class SchemaWalker
{
    const int MaxDepth = 32;

    public static IReadOnlyList<TraitExtension> FindExtensions(JsonElement root)
    {
        var found = new List<TraitExtension>();
        var traits = Resolve(root, root);
        if (traits.ValueKind == JsonValueKind.Object && traits.TryGetProperty("properties", out var properties)
            && properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("traits", out var traitsSchema))
        {
            Walk(root, traitsSchema, [], found, 0);
        }

        return found;
    }

    /// <summary>The <c>traits</c> subschema, resolved, or default when the schema has none.</summary>
    public static JsonElement TraitsSchema(JsonElement root)
    {
        var resolved = Resolve(root, root);
        return resolved.ValueKind == JsonValueKind.Object && resolved.TryGetProperty("properties", out var p)
               && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("traits", out var t)
            ? Resolve(root, t)
            : default;
    }

    static void Walk(JsonElement root, JsonElement schema, List<string> path, List<TraitExtension> found, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        schema = Resolve(root, schema);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (path.Count > 0 && schema.TryGetProperty(KratosExtension.Keyword, out var extension))
        {
            var format = schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            found.Add(new TraitExtension(path.ToArray(), KratosExtension.Parse(extension), format));
        }

        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                path.Add(property.Name);
                Walk(root, property.Value, path, found, depth + 1);
                path.RemoveAt(path.Count - 1);
            }
        }

        if (schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object)
        {
            path.Add("*");
            Walk(root, items, path, found, depth + 1);
            path.RemoveAt(path.Count - 1);
        }

        if (schema.TryGetProperty("allOf", out var allOf) && allOf.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in allOf.EnumerateArray())
            {
                Walk(root, part, path, found, depth + 1);
            }
        }
    }

    /// <summary>Follows a local <c>$ref</c> (<c>#/definitions/x</c>); remote references are left to the validator.</summary>
    public static JsonElement Resolve(JsonElement root, JsonElement schema)
    {
        for (var hops = 0; hops < MaxDepth && schema.ValueKind == JsonValueKind.Object
             && schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String; hops++)
        {
            var target = reference.GetString()!;
            if (!target.StartsWith('#'))
            {
                break;
            }

            var current = root;
            foreach (var raw in target[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var segment = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
                {
                    return default;
                }
            }

            schema = current;
        }

        return schema;
    }
}
