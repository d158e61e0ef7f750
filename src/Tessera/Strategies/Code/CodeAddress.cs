using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Identities;

namespace Tessera.Strategies.Code;

/// <summary>An address a code goes to: its channel (<c>email</c>, <c>sms</c>) and its normalized value.</summary>
internal sealed record CodeAddress(string Via, string To)
{
    /// <summary>
    /// The addresses of the identity's <c>code</c> credential (<c>config.addresses[]</c> of channel and address, as
    /// <see cref="IdentityWriter"/> derives them from traits marked <c>credentials.code.identifier</c>), sorted by value.
    /// </summary>
    public static List<CodeAddress> Of(Identity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var result = new List<CodeAddress>();
        if (!identity.Credentials.TryGetValue(CredentialsType.Code, out var credential) || credential.Config["addresses"] is not JsonArray addresses)
        {
            return result;
        }

        foreach (var item in addresses)
        {
            if (Text(item?["channel"]) is { Length: > 0 } via && Text(item?["address"]) is { Length: > 0 } to && !result.Any(a => a.Via == via && a.To == to))
            {
                result.Add(new CodeAddress(via, to));
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.To, b.To));
        return result;
    }

    /// <summary>
    /// <see cref="Of(Identity)"/>, or with <paramref name="fallback"/> (<c>missing_credential_fallback_enabled</c>) and
    /// no code addresses, the identity's verifiable addresses (Kratos's <c>FindCodeAddressCandidates</c>).
    /// </summary>
    public static List<CodeAddress> Of(Identity identity, bool fallback)
    {
        var result = Of(identity);
        if (result.Count > 0 || !fallback)
        {
            return result;
        }

        foreach (var address in identity.VerifiableAddresses.Where(a => a.Via.Length > 0 && a.Value.Length > 0))
        {
            if (!result.Any(a => a.Via == address.Via && a.To == address.Value))
            {
                result.Add(new CodeAddress(address.Via, address.Value));
            }
        }

        return result;
    }

    /// <summary>Kratos's <c>maybeNormalizeEmail</c>, after a trim: what a typed identifier is looked up and shown as.</summary>
    public static string NormalizeTyped(string typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var trimmed = typed.Trim();
        return trimmed.Contains('@', StringComparison.Ordinal) ? trimmed.ToLowerInvariant() : trimmed;
    }

    static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
