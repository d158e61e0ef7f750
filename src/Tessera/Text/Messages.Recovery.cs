using System.Text.Json.Nodes;
using static Tessera.Text.MessageId;

namespace Tessera.Text;

internal static partial class Messages
{
    /// <summary>1060001 in the settings flow that follows recovery; the minutes count down to the privileged-session end.</summary>
    public static UiText RecoverySuccessful(DateTimeOffset privilegedSessionExpiresAt, DateTimeOffset now) =>
        Success(InfoSelfServiceRecoverySuccessful,
            $"You successfully recovered your account. Please change your password or set up an alternative login method (e.g. social sign in) within the next {Minutes(privilegedSessionExpiresAt - now)} minutes.",
            new JsonObject
            {
                ["privilegedSessionExpiresAt"] = Rfc3339(privilegedSessionExpiresAt),
                ["privileged_session_expires_at"] = Rfc3339(privilegedSessionExpiresAt),
                ["privileged_session_expires_at_unix"] = privilegedSessionExpiresAt.ToUnixTimeSeconds(),
            });

    public static UiText RecoveryEmailSent() =>
        Info(InfoSelfServiceRecoveryEmailSent,
            "An email containing a recovery link has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.");

    public static UiText RecoveryEmailWithCodeSent() =>
        Info(InfoSelfServiceRecoveryEmailWithCodeSent,
            "An email containing a recovery code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.");

    public static UiText RecoveryCodeSentToMaskedAddress(string maskedAddress) =>
        Info(InfoSelfServiceRecoveryCodeSentToMaskedAddress,
            $"A recovery code has been sent to {maskedAddress}. If you have not received it, check the spelling of the address and make sure to use the address you registered with.",
            new JsonObject { ["masked_address"] = maskedAddress });

    public static UiText RecoveryAskForFullAddress() =>
        Info(InfoSelfServiceRecoveryAskForFullAddress, "Recover access to your account by providing your recovery address in full.");

    public static UiText RecoveryAskToChooseAddress() =>
        Info(InfoSelfServiceRecoveryAskToChooseAddress, "How do you want to recover your account?");

    public static UiText RecoveryBack() => Info(InfoSelfServiceRecoveryBack, "Back");
}
