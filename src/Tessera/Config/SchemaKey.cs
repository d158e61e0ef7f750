using System.Text.Json.Nodes;

namespace Tessera.Config;

/// <summary>
/// One node of the config key tree derived from <c>config.schema.json</c>: which keys exist below it and what
/// type its value has. <c>$ref</c>, <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c> and <c>if/then/else</c> are folded in,
/// so a key that any branch declares is a key. Children are computed on first use and then kept, which also
/// makes recursive <c>$ref</c>s harmless.
/// </summary>
internal sealed class SchemaKey
{
    private static readonly string[] Branches = ["allOf", "anyOf", "oneOf", "then", "else"];

    private readonly IReadOnlyList<JsonObject> _schemas;
    private readonly ConfigSchema _documents;
    private readonly Lazy<IReadOnlyDictionary<string, SchemaKey>> _properties;
    private readonly Lazy<SchemaKey?> _additionalProperties;
    private readonly Lazy<SchemaKey?> _items;
    private readonly Lazy<SchemaTypes> _types;

    private SchemaKey(IReadOnlyList<JsonObject> schemas, ConfigSchema documents)
    {
        _schemas = schemas;
        _documents = documents;
        _properties = new(BuildProperties);
        _additionalProperties = new(BuildAdditionalProperties);
        _items = new(BuildItems);
        _types = new(BuildTypes);
    }

    public static SchemaKey Root(ConfigSchema schema) => new([schema.Config], schema);

    /// <summary>Keys declared with <c>properties</c>.</summary>
    public IReadOnlyDictionary<string, SchemaKey> Properties => _properties.Value;

    /// <summary>The value schema of a map with arbitrary keys (<c>additionalProperties</c>, <c>patternProperties</c>).</summary>
    public SchemaKey? AdditionalProperties => _additionalProperties.Value;

    /// <summary>The element schema, when this key holds an array.</summary>
    public SchemaKey? Items => _items.Value;

    public SchemaTypes Types => _types.Value;

    private IEnumerable<JsonObject> Expanded()
    {
        var seen = new HashSet<JsonObject>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(JsonObject Schema, JsonObject Document)>();
        foreach (var schema in _schemas)
        {
            pending.Push((schema, DocumentOf(schema)));
        }

        while (pending.Count > 0)
        {
            var (schema, document) = pending.Pop();
            if (!seen.Add(schema))
            {
                continue;
            }

            yield return schema;
            if (schema["$ref"]?.GetValue<string>() is { } reference && _documents.Resolve(reference, document) is { } target)
            {
                pending.Push(target);
            }

            foreach (var branch in Branches)
            {
                switch (schema[branch])
                {
                    case JsonArray list:
                        foreach (var item in list.OfType<JsonObject>())
                        {
                            pending.Push((item, document));
                        }

                        break;
                    case JsonObject single:
                        pending.Push((single, document));
                        break;
                }
            }
        }
    }

    private JsonObject DocumentOf(JsonObject schema) =>
        ReferenceEquals(schema.Root, _documents.Tracing) ? _documents.Tracing : _documents.Config;

    private IReadOnlyDictionary<string, SchemaKey> BuildProperties()
    {
        var byName = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var schema in Expanded())
        {
            if (schema["properties"] is not JsonObject properties)
            {
                continue;
            }

            foreach (var (name, value) in properties)
            {
                if (value is JsonObject child)
                {
                    (byName.TryGetValue(name, out var list) ? list : byName[name] = []).Add(child);
                }
            }
        }

        return byName.ToDictionary(p => p.Key, p => new SchemaKey(p.Value, _documents), StringComparer.Ordinal);
    }

    private SchemaKey? BuildAdditionalProperties()
    {
        var values = new List<JsonObject>();
        var declaresProperties = false;
        var closed = false;
        foreach (var schema in Expanded())
        {
            declaresProperties |= schema["properties"] is JsonObject;
            switch (schema["additionalProperties"])
            {
                case JsonObject value:
                    values.Add(value);
                    break;
                case JsonValue flag when flag.TryGetValue<bool>(out var allowed) && !allowed:
                    closed = true;
                    break;
            }

            if (schema["patternProperties"] is JsonObject patterns)
            {
                values.AddRange(patterns.Select(p => p.Value).OfType<JsonObject>());
            }
        }

        // A bare "type: object" (headers, claims) is a free-form map; an object that lists its keys is not,
        // because Kratos resolves environment variables only to keys the schema names.
        if (values.Count == 0 && !closed && !declaresProperties && Types.HasFlag(SchemaTypes.Object))
        {
            values.Add([]);
        }

        return values.Count == 0 ? null : new SchemaKey(values, _documents);
    }

    private SchemaKey? BuildItems()
    {
        var items = new List<JsonObject>();
        foreach (var schema in Expanded())
        {
            switch (schema["items"])
            {
                case JsonObject single:
                    items.Add(single);
                    break;
                case JsonArray tuple:
                    items.AddRange(tuple.OfType<JsonObject>());
                    break;
            }
        }

        return items.Count == 0 ? null : new SchemaKey(items, _documents);
    }

    private SchemaTypes BuildTypes()
    {
        var types = SchemaTypes.None;
        foreach (var schema in Expanded())
        {
            switch (schema["type"])
            {
                case JsonValue single:
                    types |= Parse(single.GetValue<string>());
                    break;
                case JsonArray list:
                    foreach (var item in list)
                    {
                        types |= Parse(item!.GetValue<string>());
                    }

                    break;
            }

            if (schema["const"] is JsonValue constant)
            {
                types |= TypeOf(constant);
            }

            // Untyped schemas that list keys or items still say what they hold.
            types |= schema["type"] is null && schema["properties"] is JsonObject ? SchemaTypes.Object : SchemaTypes.None;
            types |= schema["type"] is null && schema["items"] is not null ? SchemaTypes.Array : SchemaTypes.None;
        }

        return types;
    }

    private static SchemaTypes TypeOf(JsonValue value) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => SchemaTypes.String,
        System.Text.Json.JsonValueKind.Number => SchemaTypes.Number,
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => SchemaTypes.Boolean,
        _ => SchemaTypes.None,
    };

    private static SchemaTypes Parse(string type) => type switch
    {
        "object" => SchemaTypes.Object,
        "array" => SchemaTypes.Array,
        "string" => SchemaTypes.String,
        "integer" => SchemaTypes.Integer,
        "number" => SchemaTypes.Number,
        "boolean" => SchemaTypes.Boolean,
        "null" => SchemaTypes.Null,
        _ => SchemaTypes.None,
    };
}
