using static Tessera.Text.MessageId;

namespace Tessera.Text;

internal static partial class Messages
{
    public static UiText VerificationEmailSent() =>
        Info(InfoSelfServiceVerificationEmailSent,
            "An email containing a verification link has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.");

    public static UiText VerificationSuccessful() =>
        Success(InfoSelfServiceVerificationSuccessful, "You successfully verified your email address.");

    public static UiText VerificationEmailWithCodeSent() =>
        Info(InfoSelfServiceVerificationEmailWithCodeSent,
            "An email containing a verification code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.");

    public static UiText VerificationPhoneWithCodeSent() =>
        Info(InfoSelfServiceVerificationPhoneWithCodeSent,
            "A text message containing a verification code has been sent to the phone number you provided. If you have not received a text message, check the spelling of the number and make sure to use the number you registered with.");

    public static UiText PhoneVerificationSuccessful() =>
        Success(InfoSelfServicePhoneVerificationSuccessful, "You successfully verified your phone number.");
}
