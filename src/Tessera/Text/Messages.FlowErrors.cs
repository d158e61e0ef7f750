using System.Text.Json.Nodes;
using static Tessera.Text.MessageId;

namespace Tessera.Text;

// 401xxxx login and "no strategy", 404xxxx registration, 405xxxx settings, 406xxxx recovery, 407xxxx verification.
internal static partial class Messages
{
    const string AlreadyCompleted = "The request was already completed successfully and can not be retried.";

    static UiText Expired(long id, string flow, DateTimeOffset expiredAt, DateTimeOffset now) =>
        Error(id, $"The {flow} flow expired {Minutes(now - expiredAt)} minutes ago, please try again.",
            new JsonObject { ["expired_at"] = Rfc3339(expiredAt), ["expired_at_unix"] = expiredAt.ToUnixTimeSeconds() });

    public static UiText LoginFlowExpired(DateTimeOffset expiredAt, DateTimeOffset now) =>
        Expired(ErrorValidationLoginFlowExpired, "login", expiredAt, now);

    public static UiText LoginNoStrategyFound() =>
        Error(ErrorValidationLoginNoStrategyFound, "Could not find a strategy to log you in with. Did you fill out the form correctly?");

    public static UiText RegistrationNoStrategyFound() =>
        Error(ErrorValidationRegistrationNoStrategyFound, "Could not find a strategy to sign you up with. Did you fill out the form correctly?");

    public static UiText SettingsNoStrategyFound() =>
        Error(ErrorValidationSettingsNoStrategyFound, "Could not find a strategy to update your settings. Did you fill out the form correctly?");

    public static UiText RecoveryNoStrategyFound() =>
        Error(ErrorValidationRecoveryNoStrategyFound, "Could not find a strategy to recover your account with. Did you fill out the form correctly?");

    public static UiText VerificationNoStrategyFound() =>
        Error(ErrorValidationVerificationNoStrategyFound, "Could not find a strategy to verify your account with. Did you fill out the form correctly?");

    public static UiText LoginRetrySuccess() => Error(ErrorValidationLoginRetrySuccess, AlreadyCompleted);

    public static UiText LoginCodeInvalidOrAlreadyUsed() =>
        Error(ErrorValidationLoginCodeInvalidOrAlreadyUsed, "The login code is invalid or has already been used. Please try again.");

    public static UiText LoginLinkedCredentialsDoNotMatch() =>
        Error(ErrorValidationLoginLinkedCredentialsDoNotMatch, "Linked credentials do not match.");

    public static UiText LoginAddressUnknown() =>
        Error(ErrorValidationLoginAddressUnknown, "The address you entered does not match any known addresses in the current account.");

    public static UiText IdentityDisabled() =>
        Error(ErrorValidationIdentityDisabled, "This account has been disabled. Please contact support for assistance.");

    public static UiText RegistrationFlowExpired(DateTimeOffset expiredAt, DateTimeOffset now) =>
        Expired(ErrorValidationRegistrationFlowExpired, "registration", expiredAt, now);

    public static UiText RegistrationRetrySuccess() => Error(ErrorValidationRegistrationRetrySuccess, AlreadyCompleted);

    public static UiText RegistrationCodeInvalidOrAlreadyUsed() =>
        Error(ErrorValidationRegistrationCodeInvalidOrAlreadyUsed, "The registration code is invalid or has already been used. Please try again.");

    public static UiText SettingsFlowExpired(DateTimeOffset expiredAt, DateTimeOffset now) =>
        Expired(ErrorValidationSettingsFlowExpired, "settings", expiredAt, now);

    public static UiText SettingsOneAddressAtATime() =>
        Error(ErrorValidationSettingsOneAddressAtATime, "You can only change one address at a time. Please update each address separately.");

    public static UiText RecoveryRetrySuccess() => Error(ErrorValidationRecoveryRetrySuccess, AlreadyCompleted);

    public static UiText RecoveryStateFailure() =>
        Error(ErrorValidationRecoveryStateFailure, "The recovery flow reached a failure state and must be retried.");

    public static UiText RecoveryTokenInvalidOrAlreadyUsed() =>
        Error(ErrorValidationRecoveryTokenInvalidOrAlreadyUsed, "The recovery token is invalid or has already been used. Please retry the flow.");

    public static UiText RecoveryFlowExpired(DateTimeOffset expiredAt, DateTimeOffset now) =>
        Expired(ErrorValidationRecoveryFlowExpired, "recovery", expiredAt, now);

    public static UiText RecoveryCodeInvalidOrAlreadyUsed() =>
        Error(ErrorValidationRecoveryCodeInvalidOrAlreadyUsed, "The recovery code is invalid or has already been used. Please try again.");

    public static UiText VerificationTokenInvalidOrAlreadyUsed() =>
        Error(ErrorValidationVerificationTokenInvalidOrAlreadyUsed, "The verification token is invalid or has already been used. Please retry the flow.");

    public static UiText VerificationRetrySuccess() => Error(ErrorValidationVerificationRetrySuccess, AlreadyCompleted);

    public static UiText VerificationStateFailure() =>
        Error(ErrorValidationVerificationStateFailure, "The verification flow reached a failure state and must be retried.");

    public static UiText VerificationFlowExpired(DateTimeOffset expiredAt, DateTimeOffset now) =>
        Expired(ErrorValidationVerificationFlowExpired, "verification", expiredAt, now);

    public static UiText VerificationCodeInvalidOrAlreadyUsed() =>
        Error(ErrorValidationVerificationCodeInvalidOrAlreadyUsed, "The verification code is invalid or has already been used. Please try again.");
}
