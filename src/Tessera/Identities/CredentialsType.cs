namespace Tessera.Identities;

/// <summary>Kratos's credential type names; also the wire "method" of the self-service strategies.</summary>
internal static class CredentialsType
{
    public const string Password = "password";
    public const string Oidc = "oidc";
    public const string Saml = "saml";
    public const string Totp = "totp";
    public const string LookupSecret = "lookup_secret";
    public const string WebAuthn = "webauthn";
    public const string Passkey = "passkey";
    public const string Code = "code";

    public static readonly IReadOnlyList<string> All = [Password, Oidc, Totp, LookupSecret, WebAuthn, Passkey, Code, Saml];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
