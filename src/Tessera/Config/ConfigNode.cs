using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Config;

/// <summary>Typed reads of dotted key paths from the validated config tree, with the caller's default when a key is absent.</summary>
internal static class ConfigNode
{
    public static JsonNode? At(JsonNode? root, string path)
    {
        var current = root;
        foreach (var segment in path.Split('.'))
        {
            current = current switch
            {
                JsonObject o => o.TryGetPropertyValue(segment, out var child) ? child : null,
                JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    public static string? String(JsonNode? root, string path, string? fallback = null) =>
        At(root, path) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : fallback;

    public static bool Bool(JsonNode? root, string path, bool fallback) =>
        At(root, path) is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : fallback;

    /// <summary>Numbers arrive as int, long or double depending on the source (YAML, JSON, environment): read the text.</summary>
    public static int Int(JsonNode? root, string path, int fallback) =>
        At(root, path) is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? (int)Math.Clamp(d, int.MinValue, int.MaxValue)
            : fallback;

    public static IReadOnlyList<string> Strings(JsonNode? root, string path) =>
        At(root, path) is JsonArray a
            ? a.Where(x => x is JsonValue v && v.GetValueKind() == JsonValueKind.String).Select(x => x!.GetValue<string>()).ToList()
            : [];
}
