using System.Text.Json.Nodes;

namespace Tessera.Config;

/// <summary>Finds the keys of a config that no supported path covers, so the server can say so instead of ignoring them.</summary>
internal static class UnsupportedKeys
{
    /// <summary>
    /// The dotted leaf paths of <paramref name="config"/> not covered by <paramref name="supportedPaths"/>, in
    /// document order. Arrays of objects are descended with their index as a segment
    /// (<c>identity.schemas.0.selfservice_selectable</c>); an array of plain values is one leaf, so a list of
    /// URLs is reported once rather than once per entry. Empty objects hold no keys and yield nothing.
    /// </summary>
    public static IReadOnlyList<string> Find(JsonObject config, IReadOnlyCollection<string> supportedPaths)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(supportedPaths);
        var supported = supportedPaths.Select(p => p.Split('.')).ToList();
        var result = new List<string>();
        Walk(config, [], supported, result);
        return result;
    }

    private static void Walk(JsonNode? node, List<string> path, List<string[]> supported, List<string> result)
    {
        if (path.Count > 0 && supported.Exists(s => Covers(s, path)))
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    path.Add(key);
                    Walk(value, path, supported, result);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case JsonArray array when array.Any(item => item is JsonObject):
                for (var i = 0; i < array.Count; i++)
                {
                    path.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    Walk(array[i], path, supported, result);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            default:
                result.Add(string.Join('.', path));
                break;
        }
    }

    // A supported path covers the paths it is a prefix of, segment by segment.
    private static bool Covers(string[] supported, List<string> path)
    {
        if (supported.Length > path.Count)
        {
            return false;
        }

        for (var i = 0; i < supported.Length; i++)
        {
            if (supported[i] != "*" && !string.Equals(supported[i], path[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
