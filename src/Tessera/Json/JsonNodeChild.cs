using System.Text.Json.Nodes;

namespace Tessera.Json;

internal static class JsonNodeChild
{
    /// <summary>A member of an object, or null for anything else: the indexer throws on arrays and values, which input may be.</summary>
    public static JsonNode? Child(this JsonNode? node, string name) =>
        node is JsonObject obj && obj.TryGetPropertyValue(name, out var child) ? child : null;
}
