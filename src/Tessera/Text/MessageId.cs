namespace Tessera.Text;

/// <summary>
/// Kratos's message ids (API.md §17.2). Names follow Kratos's <c>text/id.go</c> where known, so a grep finds the twin.
/// Base ids ending in 0000 and 1010020 are reserved upstream and never emitted, so they have no constant.
/// </summary>
internal static class MessageId
{
    // 101xxxx login
    public const long InfoSelfServiceLogin = 1010001;
    public const long InfoSelfServiceLoginWith = 1010002;
    public const long InfoSelfServiceLoginReAuth = 1010003;
    public const long InfoSelfServiceLoginMfa = 1010004;
    public const long InfoSelfServiceLoginVerify = 1010005;
    public const long InfoSelfServiceLoginTotpLabel = 1010006;
    public const long InfoLoginLookupLabel = 1010007;
    public const long InfoSelfServiceLoginWebAuthn = 1010008;
    public const long InfoLoginTotp = 1010009;
    public const long InfoLoginLookup = 1010010;
    public const long InfoSelfServiceLoginContinueWebAuthn = 1010011;
    public const long InfoSelfServiceLoginWebAuthnPasswordless = 1010012;
    public const long InfoSelfServiceLoginContinue = 1010013;
    public const long InfoSelfServiceLoginEmailWithCodeSent = 1010014;
    public const long InfoSelfServiceLoginCode = 1010015;
    public const long InfoSelfServiceLoginLink = 1010016;
    public const long InfoSelfServiceLoginAndLink = 1010017;
    public const long InfoSelfServiceLoginWithAndLink = 1010018;
    public const long InfoSelfServiceLoginCodeMfa = 1010019;
    public const long InfoSelfServiceLoginPasskey = 1010021;
    public const long InfoSelfServiceLoginPassword = 1010022;
    public const long InfoSelfServiceLoginAal2CodeAddress = 1010023;
    public const long InfoSelfServiceLoginHardwareKey = 1010024;
    public const long InfoSelfServiceLoginCodeSent = 1010025;

    // 104xxxx registration
    public const long InfoSelfServiceRegistration = 1040001;
    public const long InfoSelfServiceRegistrationWith = 1040002;
    public const long InfoSelfServiceRegistrationContinue = 1040003;
    public const long InfoSelfServiceRegistrationRegisterWebAuthn = 1040004;
    public const long InfoSelfServiceRegistrationEmailWithCodeSent = 1040005;
    public const long InfoSelfServiceRegistrationRegisterCode = 1040006;
    public const long InfoSelfServiceRegistrationRegisterPasskey = 1040007;
    public const long InfoSelfServiceRegistrationBack = 1040008;
    public const long InfoSelfServiceRegistrationChooseCredentials = 1040009;

    // 105xxxx settings
    public const long InfoSelfServiceSettingsUpdateSuccess = 1050001;
    public const long InfoSelfServiceSettingsUpdateLinkOidc = 1050002;
    public const long InfoSelfServiceSettingsUpdateUnlinkOidc = 1050003;
    public const long InfoSelfServiceSettingsUpdateUnlinkTotp = 1050004;
    public const long InfoSelfServiceSettingsTotpQrCode = 1050005;
    public const long InfoSelfServiceSettingsTotpSecret = 1050006;
    public const long InfoSelfServiceSettingsRevealLookup = 1050007;
    public const long InfoSelfServiceSettingsRegenerateLookup = 1050008;
    public const long InfoSelfServiceSettingsLookupSecret = 1050009;
    public const long InfoSelfServiceSettingsLookupSecretLabel = 1050010;
    public const long InfoSelfServiceSettingsLookupConfirm = 1050011;
    public const long InfoSelfServiceSettingsRegisterWebAuthn = 1050012;
    public const long InfoSelfServiceSettingsRegisterWebAuthnDisplayName = 1050013;
    public const long InfoSelfServiceSettingsLookupSecretUsed = 1050014;
    public const long InfoSelfServiceSettingsLookupSecretList = 1050015;
    public const long InfoSelfServiceSettingsDisableLookup = 1050016;
    public const long InfoSelfServiceSettingsTotpSecretLabel = 1050017;
    public const long InfoSelfServiceSettingsRemoveWebAuthn = 1050018;
    public const long InfoSelfServiceSettingsRegisterPasskey = 1050019;
    public const long InfoSelfServiceSettingsRemovePasskey = 1050020;
    public const long InfoSelfServiceSettingsManagedByOrganization = 1050023;

    // 106xxxx recovery
    public const long InfoSelfServiceRecoverySuccessful = 1060001;
    public const long InfoSelfServiceRecoveryEmailSent = 1060002;
    public const long InfoSelfServiceRecoveryEmailWithCodeSent = 1060003;
    public const long InfoSelfServiceRecoveryCodeSentToMaskedAddress = 1060004;
    public const long InfoSelfServiceRecoveryAskForFullAddress = 1060005;
    public const long InfoSelfServiceRecoveryAskToChooseAddress = 1060006;
    public const long InfoSelfServiceRecoveryBack = 1060007;

    // 107xxxx node labels (1070000 is emitted: the label of a masked recovery address)
    public const long InfoNodeLabel = 1070000;
    public const long InfoNodeLabelInputPassword = 1070001;
    public const long InfoNodeLabelGenerated = 1070002;
    public const long InfoNodeLabelSave = 1070003;
    public const long InfoNodeLabelId = 1070004;
    public const long InfoNodeLabelSubmit = 1070005;
    public const long InfoNodeLabelVerifyOtp = 1070006;
    public const long InfoNodeLabelEmail = 1070007;
    public const long InfoNodeLabelResendOtp = 1070008;
    public const long InfoNodeLabelContinue = 1070009;
    public const long InfoNodeLabelRecoveryCode = 1070010;
    public const long InfoNodeLabelVerificationCode = 1070011;
    public const long InfoNodeLabelRegistrationCode = 1070012;
    public const long InfoNodeLabelLoginCode = 1070013;
    public const long InfoNodeLabelLoginAndLinkCredential = 1070014;
    public const long InfoNodeLabelCaptcha = 1070015;
    public const long InfoNodeLabelRecoveryAddress = 1070016;
    public const long InfoNodeLabelPhoneNumber = 1070017;
    public const long InfoNodeLabelEmailOrPhoneNumber = 1070018;

    // 108xxxx verification
    public const long InfoSelfServiceVerificationEmailSent = 1080001;
    public const long InfoSelfServiceVerificationSuccessful = 1080002;
    public const long InfoSelfServiceVerificationEmailWithCodeSent = 1080003;
    public const long InfoSelfServiceVerificationPhoneWithCodeSent = 1080004;
    public const long InfoSelfServicePhoneVerificationSuccessful = 1080005;

    // 400xxxx validation
    public const long ErrorValidationGeneric = 4000001;
    public const long ErrorValidationRequired = 4000002;
    public const long ErrorValidationMinLength = 4000003;
    public const long ErrorValidationInvalidFormat = 4000004;
    public const long ErrorValidationPasswordPolicyViolationGeneric = 4000005;
    public const long ErrorValidationInvalidCredentials = 4000006;
    public const long ErrorValidationDuplicateCredentials = 4000007;
    public const long ErrorValidationTotpVerifierWrong = 4000008;
    public const long ErrorValidationIdentifierMissing = 4000009;
    public const long ErrorValidationAddressNotVerified = 4000010;
    public const long ErrorValidationNoTotpDevice = 4000011;
    public const long ErrorValidationLookupAlreadyUsed = 4000012;
    public const long ErrorValidationNoWebAuthnDevice = 4000013;
    public const long ErrorValidationNoLookup = 4000014;
    public const long ErrorValidationSuchNoWebAuthnUser = 4000015;
    public const long ErrorValidationLookupInvalid = 4000016;
    public const long ErrorValidationMaxLength = 4000017;
    public const long ErrorValidationMinimum = 4000018;
    public const long ErrorValidationExclusiveMinimum = 4000019;
    public const long ErrorValidationMaximum = 4000020;
    public const long ErrorValidationExclusiveMaximum = 4000021;
    public const long ErrorValidationMultipleOf = 4000022;
    public const long ErrorValidationMaxItems = 4000023;
    public const long ErrorValidationMinItems = 4000024;
    public const long ErrorValidationUniqueItems = 4000025;
    public const long ErrorValidationWrongType = 4000026;
    public const long ErrorValidationDuplicateCredentialsOnOidcLink = 4000027;
    public const long ErrorValidationDuplicateCredentialsWithHints = 4000028;
    public const long ErrorValidationConst = 4000029;
    public const long ErrorValidationConstGeneric = 4000030;
    public const long ErrorValidationPasswordIdentifierTooSimilar = 4000031;
    public const long ErrorValidationPasswordMinLength = 4000032;
    public const long ErrorValidationPasswordMaxLength = 4000033;
    public const long ErrorValidationPasswordTooManyBreaches = 4000034;
    public const long ErrorValidationNoCodeUser = 4000035;
    public const long ErrorValidationTraitsMismatch = 4000036;
    public const long ErrorValidationAccountNotFound = 4000037;
    public const long ErrorValidationCaptchaError = 4000038;
    public const long ErrorValidationPasswordNewSameAsOld = 4000039;
    public const long ErrorValidationInvalidEmail = 4000040;
    public const long ErrorValidationInvalidPhone = 4000041;
    public const long ErrorValidationNoDeviceAuthnDevice = 4000042;
    public const long ErrorValidationWebAuthnLoginInvalid = 4000043;
    public const long ErrorValidationDeviceAuthnSignatureInvalid = 4000044;
    public const long ErrorValidationDeviceAuthnRelaxedAttestationExpired = 4000045;
    public const long ErrorValidationDeviceAuthnUserVerificationMissing = 4000046;

    // 401xxxx login and "no strategy" errors
    public const long ErrorValidationLoginFlowExpired = 4010001;
    public const long ErrorValidationLoginNoStrategyFound = 4010002;
    public const long ErrorValidationRegistrationNoStrategyFound = 4010003;
    public const long ErrorValidationSettingsNoStrategyFound = 4010004;
    public const long ErrorValidationRecoveryNoStrategyFound = 4010005;
    public const long ErrorValidationVerificationNoStrategyFound = 4010006;
    public const long ErrorValidationLoginRetrySuccess = 4010007;
    public const long ErrorValidationLoginCodeInvalidOrAlreadyUsed = 4010008;
    public const long ErrorValidationLoginLinkedCredentialsDoNotMatch = 4010009;
    public const long ErrorValidationLoginAddressUnknown = 4010010;
    public const long ErrorValidationIdentityDisabled = 4010011;

    // 404xxxx registration
    public const long ErrorValidationRegistrationFlowExpired = 4040001;
    public const long ErrorValidationRegistrationRetrySuccess = 4040002;
    public const long ErrorValidationRegistrationCodeInvalidOrAlreadyUsed = 4040003;

    // 405xxxx settings
    public const long ErrorValidationSettingsFlowExpired = 4050001;
    public const long ErrorValidationSettingsOneAddressAtATime = 4050002;

    // 406xxxx recovery
    public const long ErrorValidationRecoveryRetrySuccess = 4060001;
    public const long ErrorValidationRecoveryStateFailure = 4060002;
    public const long ErrorValidationRecoveryTokenInvalidOrAlreadyUsed = 4060004;
    public const long ErrorValidationRecoveryFlowExpired = 4060005;
    public const long ErrorValidationRecoveryCodeInvalidOrAlreadyUsed = 4060006;

    // 407xxxx verification
    public const long ErrorValidationVerificationTokenInvalidOrAlreadyUsed = 4070001;
    public const long ErrorValidationVerificationRetrySuccess = 4070002;
    public const long ErrorValidationVerificationStateFailure = 4070003;
    public const long ErrorValidationVerificationFlowExpired = 4070005;
    public const long ErrorValidationVerificationCodeInvalidOrAlreadyUsed = 4070006;

    // 500xxxx system
    public const long ErrorSystemGeneric = 5000001;
    public const long ErrorSelfServiceNoMethodsAvailable = 5000002;
    public const long ErrorSelfServiceSsoRequiredButUnconfigured = 5000003;
}
