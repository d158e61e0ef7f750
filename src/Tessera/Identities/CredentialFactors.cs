using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Json;

namespace Tessera.Identities;

/// <summary>
/// Which credentials count as first and second factors, and from them the identity's available AAL (API.md §8.7), as
/// Kratos's strategies count them (<c>CountActiveFirstFactorCredentials</c> / <c>CountActiveMultiFactorCredentials</c>,
/// over every method whether enabled or not). <see cref="IdentityWriter"/> applies it on every write, so strategies only
/// set credentials. It reads the Kratos config shapes: <c>totp.config.totp_url</c> (a non-empty string, encrypted or
/// not), <c>lookup_secret.config.recovery_codes</c> (a non-empty array), <c>webauthn</c>/<c>passkey</c>
/// <c>config.credentials[]</c> with <c>is_passwordless</c>, <c>code.config.addresses[]</c>.
/// </summary>
internal sealed class CredentialFactors(TesseraConfig config)
{
    public const string Aal0 = "aal0";
    public const string Aal1 = "aal1";
    public const string Aal2 = "aal2";

    readonly bool _codeMfa = ConfigNode.Bool(config.Root, "selfservice.methods.code.mfa_enabled", false);
    readonly bool _codePasswordless = ConfigNode.Bool(config.Root, "selfservice.methods.code.passwordless_enabled", false);
    readonly bool _passwordMigrationHook = ConfigNode.Bool(config.Root, "selfservice.methods.password.config.migrate_hook.enabled", false);

    /// <summary>aal2 with any second factor, else aal1 with any first factor, else aal0.</summary>
    public string AvailableAal(Identity identity) =>
        CountSecondFactors(identity) > 0 ? Aal2 : CountFirstFactors(identity) > 0 ? Aal1 : Aal0;

    public int CountFirstFactors(Identity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        // Kratos's code strategy counts one first factor for everybody while passwordless codes are on.
        var count = _codePasswordless ? 1 : 0;
        foreach (var credential in identity.Credentials.Values)
        {
            count += credential.Type switch
            {
                CredentialsType.Password => HasIdentifier(credential)
                    && (Text(credential.Config["hashed_password"]) is { Length: > 0 }
                        || (_passwordMigrationHook && credential.Config["use_password_migration_hook"] is JsonValue v && v.GetValueKind() == JsonValueKind.True)) ? 1 : 0,
                CredentialsType.Oidc or CredentialsType.Saml => Providers(credential),
                CredentialsType.WebAuthn => Keys(credential, passwordless: true),
                CredentialsType.Passkey => HasIdentifier(credential) ? (credential.Config["credentials"] as JsonArray)?.Count ?? 0 : 0,
                _ => 0,
            };
        }

        return count;
    }

    public int CountSecondFactors(Identity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var count = 0;
        foreach (var credential in identity.Credentials.Values)
        {
            count += credential.Type switch
            {
                CredentialsType.Totp => Text(credential.Config["totp_url"]) is { Length: > 0 } ? 1 : 0,
                CredentialsType.LookupSecret => credential.Config["recovery_codes"] is JsonArray { Count: > 0 } ? 1 : 0,
                CredentialsType.WebAuthn => Keys(credential, passwordless: false),
                CredentialsType.Code when _codeMfa => CodeAddresses(credential),
                _ => 0,
            };
        }

        return count;
    }

    /// <summary>Whether <paramref name="credential"/> alone is a second factor the identity can use.</summary>
    public bool IsSecondFactor(Credential credential) =>
        CountSecondFactors(new Identity { Credentials = { [credential.Type] = credential } }) > 0;

    static int Keys(Credential credential, bool passwordless)
    {
        var count = 0;
        foreach (var key in credential.Config["credentials"] as JsonArray ?? [])
        {
            var isPasswordless = key.Child("is_passwordless") is JsonValue v && v.GetValueKind() == JsonValueKind.True;
            // A passwordless key works only when an identifier finds the identity.
            if (isPasswordless && !HasIdentifier(credential))
            {
                continue;
            }

            if (isPasswordless == passwordless)
            {
                count++;
            }
        }

        return count;
    }

    static int Providers(Credential credential)
    {
        var providers = credential.Config["providers"] as JsonArray ?? [];
        var count = 0;
        foreach (var identifier in credential.Identifiers)
        {
            var cut = identifier.IndexOf(':', StringComparison.Ordinal);
            if (cut < 0)
            {
                continue;
            }

            var (provider, subject) = (identifier[..cut], identifier[(cut + 1)..]);
            count += providers.Count(p => Text(p.Child("organization")) is not { Length: > 0 }
                && Text(p.Child("provider")) is { Length: > 0 } pr && pr == provider
                && Text(p.Child("subject")) is { Length: > 0 } su && su == subject);
        }

        return count;
    }

    static int CodeAddresses(Credential credential)
    {
        // Kratos's v0 shape kept one address type on the credential.
        if (credential.Config.ContainsKey("address_type"))
        {
            return Text(credential.Config["address_type"]) is { Length: > 0 } ? 1 : 0;
        }

        return (credential.Config["addresses"] as JsonArray ?? []).Count(a => Text(a.Child("address")) is { Length: > 0 });
    }

    static bool HasIdentifier(Credential credential) => credential.Identifiers.Any(i => i.Length > 0);

    static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
