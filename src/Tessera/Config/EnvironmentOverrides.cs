using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Config;

/// <summary>
/// Kratos's environment overrides: <c>SELFSERVICE_METHODS_PASSWORD_ENABLED=false</c> sets
/// <c>selfservice.methods.password.enabled</c>. The name is the key path upper-cased with <c>.</c> turned into
/// <c>_</c>; since key names contain underscores too, names are resolved by walking the schema's key tree, and
/// only names that resolve to a schema key are applied. Values are converted to the type the schema wants.
/// </summary>
internal static class EnvironmentOverrides
{
    private static readonly Lazy<SchemaKey> Tree = new(() => SchemaKey.Root(ConfigSchema.Instance));

    /// <summary>Reads the config schema and its key tree now (on a background thread at start-up; see StartupWork).</summary>
    public static void Preload() => _ = Tree.Value;

    /// <summary>One resolved override: where it goes and the typed value.</summary>
    internal sealed record Override(string Variable, IReadOnlyList<string> Path, JsonNode? Value)
    {
        public string Key => string.Join('.', Path);
    }

    /// <summary>Resolves a variable name to a key path, or null when it names no config key.</summary>
    public static IReadOnlyList<string>? ResolvePath(string variable) =>
        Resolve(variable) is { } found ? found.Path : null;

    /// <summary>Resolves and converts every variable that names a config key; the rest are ignored.</summary>
    public static IReadOnlyList<Override> Resolve(IEnumerable<KeyValuePair<string, string>> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var result = new List<Override>();
        foreach (var (name, value) in environment)
        {
            if (Resolve(name) is { } found)
            {
                result.Add(new Override(name, found.Path, Convert(value, found.Key)));
            }
        }

        // Shallow keys first, so SECRETS_COOKIE_0 refines SECRETS_COOKIE rather than being wiped by it.
        return [.. result.OrderBy(o => o.Path.Count).ThenBy(o => o.Variable, StringComparer.Ordinal)];
    }

    /// <summary>Applies the overrides from <paramref name="environment"/> to <paramref name="config"/> in place.</summary>
    public static void Apply(JsonObject config, IEnumerable<KeyValuePair<string, string>> environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var item in Resolve(environment))
        {
            Set(config, item.Path, item.Value);
        }
    }

    private static (List<string> Path, SchemaKey Key)? Resolve(string variable)
    {
        if (string.IsNullOrEmpty(variable))
        {
            return null;
        }

        // Kratos lower-cases the variable name before matching, so the match is case-insensitive.
        var tokens = variable.ToUpperInvariant().Split('_');
        var path = new List<string>();
        return Walk(Tree.Value, tokens, 0, path) is { } key ? (path, key) : null;
    }

    private static SchemaKey? Walk(SchemaKey node, string[] tokens, int index, List<string> path)
    {
        if (index == tokens.Length)
        {
            return path.Count == 0 ? null : node;
        }

        // Named keys first, longest first: DEFAULT_BROWSER_RETURN_URL is one key before it is DEFAULT + ...
        foreach (var (name, child) in node.Properties.OrderByDescending(p => p.Key.Length))
        {
            var parts = name.ToUpperInvariant().Split('_');
            if (!Matches(tokens, index, parts))
            {
                continue;
            }

            path.Add(name);
            if (Walk(child, tokens, index + parts.Length, path) is { } found)
            {
                return found;
            }

            path.RemoveAt(path.Count - 1);
        }

        if (node.Items is { } items && int.TryParse(tokens[index], NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            path.Add(tokens[index]);
            if (Walk(items, tokens, index + 1, path) is { } found)
            {
                return found;
            }

            path.RemoveAt(path.Count - 1);
        }

        // Free-form maps (headers, tokenizer templates): the key's own underscores cannot be told from the
        // separators, so try the shortest key that lets the rest resolve, and the whole rest for a leaf.
        if (node.AdditionalProperties is { } map)
        {
            for (var end = index + 1; end <= tokens.Length; end++)
            {
                path.Add(string.Join('_', tokens[index..end]).ToLowerInvariant());
                if (Walk(map, tokens, end, path) is { } found)
                {
                    return found;
                }

                path.RemoveAt(path.Count - 1);
            }
        }

        return null;
    }

    private static bool Matches(string[] tokens, int index, string[] parts)
    {
        if (index + parts.Length > tokens.Length)
        {
            return false;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            if (!string.Equals(tokens[index + i], parts[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Converts text to the schema's type. Text that does not convert stays a string, so validation reports
    /// the key and the offending value instead of the override vanishing.
    /// </summary>
    internal static JsonNode? Convert(string value, SchemaKey key)
    {
        var types = key.Types;
        var trimmed = value.Trim();
        if (types.HasFlag(SchemaTypes.String) || types == SchemaTypes.None && key.Items is null)
        {
            return JsonValue.Create(value);
        }

        if (types.HasFlag(SchemaTypes.Boolean) && TryParseGoBool(trimmed, out var flag))
        {
            return JsonValue.Create(flag);
        }

        if (types.HasFlag(SchemaTypes.Integer)
            && long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (types.HasFlag(SchemaTypes.Number)
            && double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number))
        {
            return JsonValue.Create(number);
        }

        if (types.HasFlag(SchemaTypes.Array) || key.Items is not null)
        {
            if (trimmed.StartsWith('[') && TryParseJson(trimmed) is JsonArray array)
            {
                return array;
            }

            // Kratos accepts string lists as comma-separated text.
            if (key.Items is not { } items || items.Types.HasFlag(SchemaTypes.String) || items.Types == SchemaTypes.None)
            {
                return trimmed.Length == 0
                    ? new JsonArray()
                    : new JsonArray([.. value.Split(',').Select(s => (JsonNode?)JsonValue.Create(s.Trim()))]);
            }
        }

        if (types.HasFlag(SchemaTypes.Object) && trimmed.StartsWith('{') && TryParseJson(trimmed) is JsonObject obj)
        {
            return obj;
        }

        if (types.HasFlag(SchemaTypes.Null) && trimmed is "null" or "")
        {
            return null;
        }

        return JsonValue.Create(value);
    }

    // strconv.ParseBool, which Kratos uses for boolean keys.
    private static bool TryParseGoBool(string text, out bool value)
    {
        switch (text)
        {
            case "1" or "t" or "T" or "true" or "TRUE" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "false" or "FALSE" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static JsonNode? TryParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Set(JsonObject config, IReadOnlyList<string> path, JsonNode? value)
    {
        JsonNode current = config;
        for (var i = 0; i < path.Count; i++)
        {
            var last = i == path.Count - 1;
            var segment = path[i];
            var nextIsIndex = !last && int.TryParse(path[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out _);
            switch (current)
            {
                case JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index):
                    // Missing elements up to the index are null, which validation then reports by key.
                    while (array.Count <= index)
                    {
                        array.Add(null);
                    }

                    if (last)
                    {
                        array[index] = value;
                        return;
                    }

                    current = array[index] is JsonObject or JsonArray ? array[index]! : (array[index] = Container(nextIsIndex))!;
                    break;
                case JsonObject obj:
                    if (last)
                    {
                        obj[segment] = value;
                        return;
                    }

                    current = obj[segment] is JsonObject or JsonArray ? obj[segment]! : (obj[segment] = Container(nextIsIndex))!;
                    break;
                default:
                    return;
            }
        }
    }

    private static JsonNode Container(bool array) => array ? new JsonArray() : new JsonObject();
}
