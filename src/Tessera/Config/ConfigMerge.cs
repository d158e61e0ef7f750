using System.Text.Json.Nodes;

namespace Tessera.Config;

/// <summary>How several config files combine, as in Kratos: objects merge key by key, everything else is replaced.</summary>
internal static class ConfigMerge
{
    /// <summary>Merges <paramref name="overlay"/> into <paramref name="target"/>; the overlay wins.</summary>
    public static void Into(JsonObject target, JsonObject overlay)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(overlay);
        foreach (var (key, value) in overlay.ToList())
        {
            if (value is JsonObject overlayChild && target[key] is JsonObject targetChild)
            {
                Into(targetChild, overlayChild);
                continue;
            }

            overlay.Remove(key);
            target[key] = value;
        }
    }
}
