using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Identities;

/// <summary>Strict field reads from a decoded JSON body; each failure says which field and why, in Kratos's words where it has them.</summary>
internal static class JsonBodyReader
{
    public static string? UnknownField(JsonObject body, IReadOnlySet<string> allowed)
    {
        foreach (var (key, _) in body)
        {
            if (!allowed.Contains(key))
            {
                return $"json: unknown field \"{key}\"";
            }
        }

        return null;
    }

    public static bool TryString(JsonObject body, string name, out string? value, out string? error)
    {
        value = null;
        error = null;
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            return true;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }

        error = $"json: field \"{name}\" must be a string";
        return false;
    }

    public static bool TryBool(JsonObject body, string name, out bool? value, out string? error)
    {
        value = null;
        error = null;
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            return true;
        }

        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            value = v.GetValue<bool>();
            return true;
        }

        error = $"json: field \"{name}\" must be a boolean";
        return false;
    }

    public static bool TryTime(JsonObject body, string name, out DateTime? value, out string? error)
    {
        value = null;
        if (!TryString(body, name, out var text, out error) || text is null)
        {
            return error is null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed.UtcDateTime;
            return true;
        }

        error = $"json: field \"{name}\" must be an RFC 3339 timestamp";
        return false;
    }
}
