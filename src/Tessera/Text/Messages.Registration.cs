using System.Text.Json.Nodes;
using static Tessera.Text.MessageId;

namespace Tessera.Text;

internal static partial class Messages
{
    public static UiText Registration() => Info(InfoSelfServiceRegistration, "Sign up");

    public static UiText RegistrationWith(string provider, string providerId) =>
        Info(InfoSelfServiceRegistrationWith, $"Sign up with {provider}", new JsonObject { ["provider"] = provider, ["provider_id"] = providerId });

    public static UiText RegistrationContinue() => Info(InfoSelfServiceRegistrationContinue, "Continue");

    public static UiText RegistrationRegisterWebAuthn() => Info(InfoSelfServiceRegistrationRegisterWebAuthn, "Sign up with security key");

    public static UiText RegistrationEmailWithCodeSent() =>
        Info(InfoSelfServiceRegistrationEmailWithCodeSent,
            "A code has been sent to the address(es) you provided. If you have not received a message, check the spelling of the address and retry the registration.");

    public static UiText RegistrationRegisterCode() => Info(InfoSelfServiceRegistrationRegisterCode, "Send sign up code");

    public static UiText RegistrationRegisterPasskey() => Info(InfoSelfServiceRegistrationRegisterPasskey, "Sign up with passkey");

    public static UiText RegistrationBack() => Info(InfoSelfServiceRegistrationBack, "Back");

    public static UiText RegistrationChooseCredentials() =>
        Info(InfoSelfServiceRegistrationChooseCredentials, "Please choose a credential to authenticate yourself with.");
}
