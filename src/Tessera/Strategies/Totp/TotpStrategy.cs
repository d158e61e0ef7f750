using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Flows;
using Tessera.Identities;
using Tessera.Schemas;
using Tessera.Security;

namespace Tessera.Strategies.Totp;

/// <summary>
/// Time-based one-time codes (API.md §6.4): a second factor at login (aal2 only), set up and removed in settings. The
/// otpauth URL, which holds the secret, is kept encrypted with <see cref="Cipher"/> both in the pending settings flow
/// and in the credential; a code is accepted at most once (<see cref="TotpStepStore"/>).
/// </summary>
internal sealed partial class TotpStrategy(
    TesseraConfig config,
    Cipher cipher,
    IdentityStore identities,
    IdentityWriter writer,
    SchemaRegistry schemas,
    FlowLoader loader,
    TotpStepStore steps,
    TimeProvider time) : ILoginStrategy, ISettingsStrategy
{
    public const string UrlKey = "totp_url";

    public string Id => CredentialsType.Totp;

    public bool Enabled => ConfigNode.Bool(config.Root, "selfservice.methods.totp.enabled", false);

    public bool OffersAal(string aal) => aal == Sessions.Aal.Aal2;

    /// <summary><c>selfservice.methods.totp.config.issuer</c>, else the public base URL's host (Kratos's default).</summary>
    string Issuer => ConfigNode.String(config.Root, "selfservice.methods.totp.config.issuer") is { Length: > 0 } issuer
        ? issuer
        : config.Public.BaseUrl.Host;

    /// <summary>The key of a stored TOTP credential, or null when there is none or it cannot be read.</summary>
    TotpKey? StoredKey(Identity identity) =>
        identity.Credentials.TryGetValue(Id, out var credential) ? KeyFrom(credential.Config[UrlKey]) : null;

    /// <summary>
    /// The key in an encrypted (or, written by Kratos or imported, plain) otpauth URL. A value no configured secret opens
    /// raises <see cref="CipherException"/>, answered as Kratos's cipher error.
    /// </summary>
    TotpKey? KeyFrom(JsonNode? stored)
    {
        if (stored is not JsonValue v || v.GetValueKind() != JsonValueKind.String || v.GetValue<string>() is not { Length: > 0 } text)
        {
            return null;
        }

        return TotpKey.Parse(text.StartsWith("otpauth://", StringComparison.Ordinal) ? text : cipher.DecryptString(text));
    }

    static bool HasTotp(Identity identity) =>
        identity.Credentials.TryGetValue(CredentialsType.Totp, out var credential)
        && credential.Config[UrlKey] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0;
}
