using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Security;

namespace Tessera.Identities;

/// <summary>
/// What the admin API shows of a credential's config under <c>include_credential</c> (Kratos's
/// <c>WithDeclassifiedCredentials</c>). Kratos shows a TOTP credential's <c>totp_url</c> in clear, secret included;
/// Tessera keeps the shape but shows the URL without its <c>secret</c> parameter, and lookup codes with their
/// <c>used_at</c> but without the code, so the admin API never hands out a second factor.
/// </summary>
internal sealed class CredentialViews(Cipher cipher)
{
    /// <summary>Replaces, on this (request-local) identity, the configs of included types with what may be shown.</summary>
    public void Declassify(Identity identity, IReadOnlySet<string>? include)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (include is not null && include.Contains(CredentialsType.Totp) && identity.Credentials.TryGetValue(CredentialsType.Totp, out var totp))
        {
            totp.Config = new JsonObject { ["totp_url"] = WithoutSecret(TotpUrl(totp.Config["totp_url"])) };
        }

        if (include is not null && include.Contains(CredentialsType.LookupSecret) && identity.Credentials.TryGetValue(CredentialsType.LookupSecret, out var lookup))
        {
            lookup.Config = LookupSecretConfig.Declassified(lookup.Config);
        }
    }

    string TotpUrl(JsonNode? stored)
    {
        if (stored is not JsonValue v || v.GetValueKind() != JsonValueKind.String || v.GetValue<string>() is not { Length: > 0 } text)
        {
            return "";
        }

        // As Kratos does for provider tokens, a value that does not open is shown empty rather than failing the request.
        return text.StartsWith("otpauth://", StringComparison.Ordinal) ? text
            : cipher.TryDecrypt(text, out var plain) ? System.Text.Encoding.UTF8.GetString(plain) : "";
    }

    static string WithoutSecret(string url)
    {
        var cut = url.IndexOf('?', StringComparison.Ordinal);
        if (cut < 0)
        {
            return url;
        }

        var kept = url[(cut + 1)..].Split('&').Where(p => !p.StartsWith("secret=", StringComparison.Ordinal));
        return url[..cut] + "?" + string.Join('&', kept);
    }
}
