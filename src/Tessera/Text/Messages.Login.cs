using System.Text.Json.Nodes;
using static Tessera.Text.MessageId;

namespace Tessera.Text;

internal static partial class Messages
{
    public static UiText Login() => Info(InfoSelfServiceLogin, "Sign in");

    public static UiText LoginWith(string provider, string providerId) =>
        Info(InfoSelfServiceLoginWith, $"Sign in with {provider}", new JsonObject { ["provider"] = provider, ["provider_id"] = providerId });

    public static UiText LoginReAuth() => Info(InfoSelfServiceLoginReAuth, "Please confirm this action by verifying that it is you.");

    public static UiText LoginMfa() => Info(InfoSelfServiceLoginMfa, "Please complete the second authentication challenge.");

    public static UiText LoginVerify() => Info(InfoSelfServiceLoginVerify, "Verify");

    public static UiText LoginTotpLabel() => Info(InfoSelfServiceLoginTotpLabel, "Authentication code");

    public static UiText LoginLookupLabel() => Info(InfoLoginLookupLabel, "Backup recovery code");

    public static UiText LoginWebAuthn() => Info(InfoSelfServiceLoginWebAuthn, "Sign in with a hardware key");

    public static UiText LoginTotp() => Info(InfoLoginTotp, "Use Authenticator");

    public static UiText LoginLookup() => Info(InfoLoginLookup, "Use backup recovery code");

    public static UiText LoginContinueWebAuthn() => Info(InfoSelfServiceLoginContinueWebAuthn, "Sign in with a hardware key");

    public static UiText LoginWebAuthnPasswordless() =>
        Info(InfoSelfServiceLoginWebAuthnPasswordless, "Prepare your WebAuthn device (e.g. security key, biometrics scanner, ...) and press continue.");

    public static UiText LoginContinue() => Info(InfoSelfServiceLoginContinue, "Continue");

    public static UiText LoginEmailWithCodeSent() =>
        Info(InfoSelfServiceLoginEmailWithCodeSent,
            "A code was sent to the address you provided. If you didn't receive it, please check the spelling of the address and try again.");

    public static UiText LoginCode() => Info(InfoSelfServiceLoginCode, "Send sign in code");

    /// <summary>1010016: OIDC account linking. Kratos sends both camelCase and snake_case keys; UIs read either.</summary>
    public static UiText LoginLink(string duplicateIdentifier, string provider, string newLoginUrl,
        IEnumerable<string> availableCredentialTypes, IEnumerable<string> availableProviders) =>
        Info(InfoSelfServiceLoginLink,
            $"You tried to sign in with \"{duplicateIdentifier}\", but that email is already used by another account. Sign in to your account with one of the options below to add your account \"{duplicateIdentifier}\" at \"{provider}\" as another way to sign in.",
            new JsonObject
            {
                ["duplicateIdentifier"] = duplicateIdentifier,
                ["duplicate_identifier"] = duplicateIdentifier,
                ["provider"] = provider,
                ["newLoginUrl"] = newLoginUrl,
                ["new_login_url"] = newLoginUrl,
                ["available_credential_types"] = Strings(availableCredentialTypes),
                ["available_providers"] = Strings(availableProviders),
            });

    public static UiText LoginAndLink() => Info(InfoSelfServiceLoginAndLink, "Sign in and link");

    public static UiText LoginWithAndLink(string provider) =>
        Info(InfoSelfServiceLoginWithAndLink, $"Confirm with {provider}", new JsonObject { ["provider"] = provider });

    public static UiText LoginCodeMfa() => Info(InfoSelfServiceLoginCodeMfa, "Request code to continue");

    public static UiText LoginPasskey() => Info(InfoSelfServiceLoginPasskey, "Sign in with passkey");

    public static UiText LoginPassword() => Info(InfoSelfServiceLoginPassword, "Sign in with password");

    public static UiText LoginAal2CodeAddress(string address, string channel) =>
        Info(InfoSelfServiceLoginAal2CodeAddress, $"Send code to {address}", new JsonObject { ["address"] = address, ["channel"] = channel });

    public static UiText LoginHardwareKey() => Info(InfoSelfServiceLoginHardwareKey, "Sign in with a hardware key");

    public static UiText LoginCodeSent() =>
        Info(InfoSelfServiceLoginCodeSent, "A code was sent to your address. If you didn't receive it, please try again.");
}
