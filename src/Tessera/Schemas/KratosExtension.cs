using System.Text.Json;

namespace Tessera.Schemas;

/// <summary>What the <c>ory.sh/kratos</c> keyword on one trait says about it.</summary>
internal sealed record KratosExtension(
    bool PasswordIdentifier,
    bool WebAuthnIdentifier,
    bool PasskeyDisplayName,
    bool TotpAccountName,
    bool CodeIdentifier,
    string? CodeVia,
    string? VerificationVia,
    string? RecoveryVia)
{
    public const string Keyword = "ory.sh/kratos";

    public static KratosExtension Parse(JsonElement extension)
    {
        var credentials = Child(extension, "credentials");
        return new KratosExtension(
            PasswordIdentifier: Flag(Child(credentials, "password"), "identifier"),
            WebAuthnIdentifier: Flag(Child(credentials, "webauthn"), "identifier"),
            PasskeyDisplayName: Flag(Child(credentials, "passkey"), "display_name"),
            TotpAccountName: Flag(Child(credentials, "totp"), "account_name"),
            CodeIdentifier: Flag(Child(credentials, "code"), "identifier"),
            CodeVia: Text(Child(credentials, "code"), "via"),
            VerificationVia: Text(Child(extension, "verification"), "via"),
            RecoveryVia: Text(Child(extension, "recovery"), "via"));
    }

    static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : default;

    static bool Flag(JsonElement element, string name) =>
        Child(element, name).ValueKind == JsonValueKind.True;

    static string? Text(JsonElement element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;
}
