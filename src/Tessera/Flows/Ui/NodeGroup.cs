namespace Tessera.Flows.Ui;

/// <summary>Kratos's node groups (API.md §3.3): the strategy a node belongs to, or <c>default</c> for csrf and traits.</summary>
internal static class NodeGroup
{
    public const string Default = "default";
    public const string Password = "password";
    public const string Oidc = "oidc";
    public const string Profile = "profile";
    public const string Link = "link";
    public const string Code = "code";
    public const string Totp = "totp";
    public const string LookupSecret = "lookup_secret";
    public const string WebAuthn = "webauthn";
    public const string Passkey = "passkey";
    public const string IdentifierFirst = "identifier_first";
    public const string Captcha = "captcha";
    public const string Saml = "saml";
    public const string DeviceAuthn = "deviceauthn";

    public static IReadOnlyList<string> All { get; } =
        [Default, Password, Oidc, Profile, Link, Code, Totp, LookupSecret, WebAuthn, Passkey, IdentifierFirst, Captcha, Saml, DeviceAuthn];
}
