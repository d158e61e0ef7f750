using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Security;

namespace Tessera.Identities;

/// <summary>
/// The config of a <c>lookup_secret</c> credential in Kratos's shape, <c>{"recovery_codes": [{"code", "used_at"?}]}</c>,
/// with every code sealed by <see cref="Cipher"/>: the codes must stay revealable in settings, so they are encrypted
/// rather than hashed. A sealed code carries <see cref="SealedPrefix"/>; a code without it was imported in clear or
/// written by Kratos, is still read, and is sealed on the identity's next write (<see cref="SealClearCodes"/>).
/// </summary>
internal static class LookupSecretConfig
{
    public const string CodesKey = "recovery_codes";

    /// <summary>Marks a sealed code; Kratos mode's ciphertext is plain hex and could not otherwise be told from a clear code.</summary>
    public const string SealedPrefix = "sealed:";

    /// <exception cref="CipherException">A sealed code that no configured secret opens.</exception>
    public static List<RecoveryCode> Read(JsonObject config, Cipher cipher)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(cipher);
        var codes = new List<RecoveryCode>();
        foreach (var entry in config[CodesKey] as JsonArray ?? [])
        {
            if (entry is not JsonObject item || Text(item["code"]) is not { } stored)
            {
                continue;
            }

            var code = stored.StartsWith(SealedPrefix, StringComparison.Ordinal) ? cipher.DecryptString(stored[SealedPrefix.Length..]) : stored;
            codes.Add(new RecoveryCode(code, UsedAt(item["used_at"])));
        }

        return codes;
    }

    public static JsonObject Write(IEnumerable<RecoveryCode> codes, Cipher cipher)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(cipher);
        var array = new JsonArray();
        foreach (var code in codes)
        {
            var entry = new JsonObject { ["code"] = SealedPrefix + cipher.Encrypt(code.Code) };
            if (code.UsedAt is { } used)
            {
                entry["used_at"] = Text(used);
            }

            array.Add((JsonNode)entry);
        }

        return new JsonObject { [CodesKey] = array };
    }

    /// <summary>Seals, in place, the codes of <paramref name="config"/> that are still in clear (an admin import appends them so).</summary>
    public static void SealClearCodes(JsonObject config, Cipher cipher)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(cipher);
        foreach (var entry in config[CodesKey] as JsonArray ?? [])
        {
            if (entry is JsonObject item && Text(item["code"]) is { Length: > 0 } code && !code.StartsWith(SealedPrefix, StringComparison.Ordinal))
            {
                item["code"] = SealedPrefix + cipher.Encrypt(code);
            }
        }
    }

    /// <summary>
    /// What the admin API shows under <c>include_credential=lookup_secret</c>, as Kratos does: each code in clear with
    /// its <c>used_at</c>; a sealed code that no configured secret opens is shown empty.
    /// </summary>
    public static JsonObject Declassified(JsonObject config, Cipher cipher)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(cipher);
        var array = new JsonArray();
        foreach (var entry in config[CodesKey] as JsonArray ?? [])
        {
            if (entry is not JsonObject item || Text(item["code"]) is not { } stored)
            {
                continue;
            }

            var code = !stored.StartsWith(SealedPrefix, StringComparison.Ordinal) ? stored
                : cipher.TryDecrypt(stored[SealedPrefix.Length..], out var plain) ? System.Text.Encoding.UTF8.GetString(plain) : "";
            var shown = new JsonObject { ["code"] = code };
            if (UsedAt(item["used_at"]) is { } used)
            {
                shown["used_at"] = Text(used);
            }

            array.Add((JsonNode)shown);
        }

        return new JsonObject { [CodesKey] = array };
    }

    /// <summary>Go's JSON form of a time rounded to the second, as Kratos stores <c>used_at</c>.</summary>
    static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    static DateTimeOffset? UsedAt(JsonNode? node) =>
        Text(node) is { Length: > 0 } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
        && at.ToUnixTimeSeconds() > 0
            ? at
            : null;

    static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
