using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Security;

namespace Tessera.Identities;

/// <summary>
/// What the admin API shows of a credential's config under <c>include_credential</c> (Kratos's
/// <c>WithDeclassifiedCredentials</c>), as Kratos shows it: a TOTP credential's <c>totp_url</c> and the lookup codes in
/// clear, opened from their encryption at rest, so that an admin export can be imported again. A value that no
/// configured secret opens is shown empty, as Kratos does for provider tokens, rather than failing the request.
/// </summary>
internal sealed class CredentialViews(Cipher cipher)
{
    /// <summary>Replaces, on this (request-local) identity, the configs of included types with what is shown.</summary>
    public void Declassify(Identity identity, IReadOnlySet<string>? include)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (include is not null && include.Contains(CredentialsType.Totp) && identity.Credentials.TryGetValue(CredentialsType.Totp, out var totp))
        {
            totp.Config = new JsonObject { ["totp_url"] = TotpUrl(totp.Config["totp_url"]) };
        }

        if (include is not null && include.Contains(CredentialsType.LookupSecret) && identity.Credentials.TryGetValue(CredentialsType.LookupSecret, out var lookup))
        {
            lookup.Config = LookupSecretConfig.Declassified(lookup.Config, cipher);
        }
    }

    string TotpUrl(JsonNode? stored)
    {
        if (stored is not JsonValue v || v.GetValueKind() != JsonValueKind.String || v.GetValue<string>() is not { Length: > 0 } text)
        {
            return "";
        }

        return text.StartsWith("otpauth://", StringComparison.Ordinal) ? text
            : cipher.TryDecrypt(text, out var plain) ? System.Text.Encoding.UTF8.GetString(plain) : "";
    }
}
