using System.Text.Json.Nodes;
using Tessera.Text;
using Xunit;

namespace Tessera.Tests.Text;

// Expectations are copied from API.md §17.2 (Kratos's catalogue): id, type, English text, context.
public sealed class MessagesTests
{
    static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static IEnumerable<object[]> Plain => new Rows
    {
        { "Login", Messages.Login(), 1010001, "info", "Sign in" },
        { "LoginReAuth", Messages.LoginReAuth(), 1010003, "info", "Please confirm this action by verifying that it is you." },
        { "LoginMfa", Messages.LoginMfa(), 1010004, "info", "Please complete the second authentication challenge." },
        { "LoginVerify", Messages.LoginVerify(), 1010005, "info", "Verify" },
        { "LoginTotpLabel", Messages.LoginTotpLabel(), 1010006, "info", "Authentication code" },
        { "LoginLookupLabel", Messages.LoginLookupLabel(), 1010007, "info", "Backup recovery code" },
        { "LoginWebAuthn", Messages.LoginWebAuthn(), 1010008, "info", "Sign in with a hardware key" },
        { "LoginTotp", Messages.LoginTotp(), 1010009, "info", "Use Authenticator" },
        { "LoginLookup", Messages.LoginLookup(), 1010010, "info", "Use backup recovery code" },
        { "LoginContinueWebAuthn", Messages.LoginContinueWebAuthn(), 1010011, "info", "Sign in with a hardware key" },
        { "LoginWebAuthnPasswordless", Messages.LoginWebAuthnPasswordless(), 1010012, "info", "Prepare your WebAuthn device (e.g. security key, biometrics scanner, ...) and press continue." },
        { "LoginContinue", Messages.LoginContinue(), 1010013, "info", "Continue" },
        { "LoginEmailWithCodeSent", Messages.LoginEmailWithCodeSent(), 1010014, "info", "A code was sent to the address you provided. If you didn't receive it, please check the spelling of the address and try again." },
        { "LoginCode", Messages.LoginCode(), 1010015, "info", "Send sign in code" },
        { "LoginAndLink", Messages.LoginAndLink(), 1010017, "info", "Sign in and link" },
        { "LoginCodeMfa", Messages.LoginCodeMfa(), 1010019, "info", "Request code to continue" },
        { "LoginPasskey", Messages.LoginPasskey(), 1010021, "info", "Sign in with passkey" },
        { "LoginPassword", Messages.LoginPassword(), 1010022, "info", "Sign in with password" },
        { "LoginHardwareKey", Messages.LoginHardwareKey(), 1010024, "info", "Sign in with a hardware key" },
        { "LoginCodeSent", Messages.LoginCodeSent(), 1010025, "info", "A code was sent to your address. If you didn't receive it, please try again." },
        { "Registration", Messages.Registration(), 1040001, "info", "Sign up" },
        { "RegistrationContinue", Messages.RegistrationContinue(), 1040003, "info", "Continue" },
        { "RegistrationRegisterWebAuthn", Messages.RegistrationRegisterWebAuthn(), 1040004, "info", "Sign up with security key" },
        { "RegistrationEmailWithCodeSent", Messages.RegistrationEmailWithCodeSent(), 1040005, "info", "A code has been sent to the address(es) you provided. If you have not received a message, check the spelling of the address and retry the registration." },
        { "RegistrationRegisterCode", Messages.RegistrationRegisterCode(), 1040006, "info", "Send sign up code" },
        { "RegistrationRegisterPasskey", Messages.RegistrationRegisterPasskey(), 1040007, "info", "Sign up with passkey" },
        { "RegistrationBack", Messages.RegistrationBack(), 1040008, "info", "Back" },
        { "RegistrationChooseCredentials", Messages.RegistrationChooseCredentials(), 1040009, "info", "Please choose a credential to authenticate yourself with." },
        { "SettingsUpdateSuccess", Messages.SettingsUpdateSuccess(), 1050001, "success", "Your changes have been saved!" },
        { "SettingsUnlinkTotp", Messages.SettingsUnlinkTotp(), 1050004, "info", "Unlink TOTP Authenticator App" },
        { "SettingsTotpQrCode", Messages.SettingsTotpQrCode(), 1050005, "info", "Authenticator app QR code" },
        { "SettingsRevealLookup", Messages.SettingsRevealLookup(), 1050007, "info", "Reveal backup recovery codes" },
        { "SettingsRegenerateLookup", Messages.SettingsRegenerateLookup(), 1050008, "info", "Generate new backup recovery codes" },
        { "SettingsLookupSecretLabel", Messages.SettingsLookupSecretLabel(), 1050010, "info", "These are your back up recovery codes. Please keep them in a safe place!" },
        { "SettingsLookupConfirm", Messages.SettingsLookupConfirm(), 1050011, "info", "Confirm backup recovery codes" },
        { "SettingsRegisterWebAuthn", Messages.SettingsRegisterWebAuthn(), 1050012, "info", "Add security key" },
        { "SettingsRegisterWebAuthnDisplayName", Messages.SettingsRegisterWebAuthnDisplayName(), 1050013, "info", "Name of the security key" },
        { "SettingsDisableLookup", Messages.SettingsDisableLookup(), 1050016, "info", "Disable this method" },
        { "SettingsTotpSecretLabel", Messages.SettingsTotpSecretLabel(), 1050017, "info", "This is your authenticator app secret. Use it if you can not scan the QR code." },
        { "SettingsRegisterPasskey", Messages.SettingsRegisterPasskey(), 1050019, "info", "Add passkey" },
        { "SettingsManagedByOrganization", Messages.SettingsManagedByOrganization(), 1050023, "info", "Your account is managed by your organization. To change these settings, contact your organization administrator." },
        { "RecoveryEmailSent", Messages.RecoveryEmailSent(), 1060002, "info", "An email containing a recovery link has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with." },
        { "RecoveryEmailWithCodeSent", Messages.RecoveryEmailWithCodeSent(), 1060003, "info", "An email containing a recovery code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with." },
        { "RecoveryAskForFullAddress", Messages.RecoveryAskForFullAddress(), 1060005, "info", "Recover access to your account by providing your recovery address in full." },
        { "RecoveryAskToChooseAddress", Messages.RecoveryAskToChooseAddress(), 1060006, "info", "How do you want to recover your account?" },
        { "RecoveryBack", Messages.RecoveryBack(), 1060007, "info", "Back" },
        { "LabelPassword", Messages.LabelPassword(), 1070001, "info", "Password" },
        { "LabelSave", Messages.LabelSave(), 1070003, "info", "Save" },
        { "LabelId", Messages.LabelId(), 1070004, "info", "ID" },
        { "LabelSubmit", Messages.LabelSubmit(), 1070005, "info", "Submit" },
        { "LabelVerifyOtp", Messages.LabelVerifyOtp(), 1070006, "info", "Verify code" },
        { "LabelEmail", Messages.LabelEmail(), 1070007, "info", "Email" },
        { "LabelResendOtp", Messages.LabelResendOtp(), 1070008, "info", "Resend code" },
        { "LabelContinue", Messages.LabelContinue(), 1070009, "info", "Continue" },
        { "LabelRecoveryCode", Messages.LabelRecoveryCode(), 1070010, "info", "Recovery code" },
        { "LabelVerificationCode", Messages.LabelVerificationCode(), 1070011, "info", "Verification code" },
        { "LabelRegistrationCode", Messages.LabelRegistrationCode(), 1070012, "info", "Registration code" },
        { "LabelLoginCode", Messages.LabelLoginCode(), 1070013, "info", "Login code" },
        { "LabelLoginAndLinkCredential", Messages.LabelLoginAndLinkCredential(), 1070014, "info", "Login and link credential" },
        { "LabelCaptcha", Messages.LabelCaptcha(), 1070015, "info", "Please complete the captcha challenge to continue." },
        { "LabelRecoveryAddress", Messages.LabelRecoveryAddress(), 1070016, "info", "Recovery address" },
        { "LabelPhoneNumber", Messages.LabelPhoneNumber(), 1070017, "info", "Phone number" },
        { "LabelEmailOrPhoneNumber", Messages.LabelEmailOrPhoneNumber(), 1070018, "info", "Email or phone number" },
        { "VerificationEmailSent", Messages.VerificationEmailSent(), 1080001, "info", "An email containing a verification link has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with." },
        { "VerificationSuccessful", Messages.VerificationSuccessful(), 1080002, "success", "You successfully verified your email address." },
        { "VerificationEmailWithCodeSent", Messages.VerificationEmailWithCodeSent(), 1080003, "info", "An email containing a verification code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with." },
        { "VerificationPhoneWithCodeSent", Messages.VerificationPhoneWithCodeSent(), 1080004, "info", "A text message containing a verification code has been sent to the phone number you provided. If you have not received a text message, check the spelling of the number and make sure to use the number you registered with." },
        { "PhoneVerificationSuccessful", Messages.PhoneVerificationSuccessful(), 1080005, "success", "You successfully verified your phone number." },
        { "InvalidCredentials", Messages.InvalidCredentials(), 4000006, "error", "The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number." },
        { "DuplicateCredentials", Messages.DuplicateCredentials(), 4000007, "error", "An account with the same identifier (email, phone, username, ...) exists already." },
        { "TotpVerifierWrong", Messages.TotpVerifierWrong(), 4000008, "error", "The provided authentication code is invalid, please try again." },
        { "IdentifierMissing", Messages.IdentifierMissing(), 4000009, "error", "Could not find any login identifiers. Did you forget to set them? This could also be caused by a server misconfiguration." },
        { "AddressNotVerified", Messages.AddressNotVerified(), 4000010, "error", "Account not active yet. Did you forget to verify your email address?" },
        { "NoTotpDevice", Messages.NoTotpDevice(), 4000011, "error", "You have no TOTP device set up." },
        { "LookupAlreadyUsed", Messages.LookupAlreadyUsed(), 4000012, "error", "This backup recovery code has already been used." },
        { "NoWebAuthnDevice", Messages.NoWebAuthnDevice(), 4000013, "error", "You have no WebAuthn device set up." },
        { "NoLookup", Messages.NoLookup(), 4000014, "error", "You have no backup recovery codes set up." },
        { "NoWebAuthnUser", Messages.NoWebAuthnUser(), 4000015, "error", "This account does not exist or has no security key set up." },
        { "LookupInvalid", Messages.LookupInvalid(), 4000016, "error", "The backup recovery code is not valid." },
        { "DuplicateCredentialsOnOidcLink", Messages.DuplicateCredentialsOnOidcLink(), 4000027, "error", "An account with the same identifier (email, phone, username, ...) exists already. Please sign in to your existing account to link your social profile." },
        { "ConstGeneric", Messages.ConstGeneric(), 4000030, "error", "const failed" },
        { "PasswordIdentifierTooSimilar", Messages.PasswordIdentifierTooSimilar(), 4000031, "error", "The password can not be used because it is too similar to the identifier." },
        { "NoCodeUser", Messages.NoCodeUser(), 4000035, "error", "This account does not exist or has not setup sign in with code." },
        { "TraitsMismatch", Messages.TraitsMismatch(), 4000036, "error", "The provided traits do not match the traits previously associated with this flow." },
        { "AccountNotFound", Messages.AccountNotFound(), 4000037, "error", "This account does not exist or has no login method configured." },
        { "CaptchaError", Messages.CaptchaError(), 4000038, "error", "Captcha verification failed, please try again." },
        { "PasswordNewSameAsOld", Messages.PasswordNewSameAsOld(), 4000039, "error", "The new password must be different from the old password." },
        { "NoDeviceAuthnDevice", Messages.NoDeviceAuthnDevice(), 4000042, "error", "You have no DeviceAuthn device set up." },
        { "WebAuthnLoginInvalid", Messages.WebAuthnLoginInvalid(), 4000043, "error", "The provided web authn login is invalid, please try again." },
        { "DeviceAuthnSignatureInvalid", Messages.DeviceAuthnSignatureInvalid(), 4000044, "error", "The provided DeviceAuthn signature is invalid." },
        { "DeviceAuthnRelaxedAttestationExpired", Messages.DeviceAuthnRelaxedAttestationExpired(), 4000045, "error", "This DeviceAuthn key can no longer be used because relaxed attestation is expired or disabled. Please enroll your device again." },
        { "DeviceAuthnUserVerificationMissing", Messages.DeviceAuthnUserVerificationMissing(), 4000046, "error", "This DeviceAuthn key was enrolled before user verification was introduced and can no longer be used. Please enroll your device again." },
        { "LoginNoStrategyFound", Messages.LoginNoStrategyFound(), 4010002, "error", "Could not find a strategy to log you in with. Did you fill out the form correctly?" },
        { "RegistrationNoStrategyFound", Messages.RegistrationNoStrategyFound(), 4010003, "error", "Could not find a strategy to sign you up with. Did you fill out the form correctly?" },
        { "SettingsNoStrategyFound", Messages.SettingsNoStrategyFound(), 4010004, "error", "Could not find a strategy to update your settings. Did you fill out the form correctly?" },
        { "RecoveryNoStrategyFound", Messages.RecoveryNoStrategyFound(), 4010005, "error", "Could not find a strategy to recover your account with. Did you fill out the form correctly?" },
        { "VerificationNoStrategyFound", Messages.VerificationNoStrategyFound(), 4010006, "error", "Could not find a strategy to verify your account with. Did you fill out the form correctly?" },
        { "LoginRetrySuccess", Messages.LoginRetrySuccess(), 4010007, "error", "The request was already completed successfully and can not be retried." },
        { "LoginCodeInvalidOrAlreadyUsed", Messages.LoginCodeInvalidOrAlreadyUsed(), 4010008, "error", "The login code is invalid or has already been used. Please try again." },
        { "LoginLinkedCredentialsDoNotMatch", Messages.LoginLinkedCredentialsDoNotMatch(), 4010009, "error", "Linked credentials do not match." },
        { "LoginAddressUnknown", Messages.LoginAddressUnknown(), 4010010, "error", "The address you entered does not match any known addresses in the current account." },
        { "IdentityDisabled", Messages.IdentityDisabled(), 4010011, "error", "This account has been disabled. Please contact support for assistance." },
        { "RegistrationRetrySuccess", Messages.RegistrationRetrySuccess(), 4040002, "error", "The request was already completed successfully and can not be retried." },
        { "RegistrationCodeInvalidOrAlreadyUsed", Messages.RegistrationCodeInvalidOrAlreadyUsed(), 4040003, "error", "The registration code is invalid or has already been used. Please try again." },
        { "SettingsOneAddressAtATime", Messages.SettingsOneAddressAtATime(), 4050002, "error", "You can only change one address at a time. Please update each address separately." },
        { "RecoveryRetrySuccess", Messages.RecoveryRetrySuccess(), 4060001, "error", "The request was already completed successfully and can not be retried." },
        { "RecoveryStateFailure", Messages.RecoveryStateFailure(), 4060002, "error", "The recovery flow reached a failure state and must be retried." },
        { "RecoveryTokenInvalidOrAlreadyUsed", Messages.RecoveryTokenInvalidOrAlreadyUsed(), 4060004, "error", "The recovery token is invalid or has already been used. Please retry the flow." },
        { "RecoveryCodeInvalidOrAlreadyUsed", Messages.RecoveryCodeInvalidOrAlreadyUsed(), 4060006, "error", "The recovery code is invalid or has already been used. Please try again." },
        { "VerificationTokenInvalidOrAlreadyUsed", Messages.VerificationTokenInvalidOrAlreadyUsed(), 4070001, "error", "The verification token is invalid or has already been used. Please retry the flow." },
        { "VerificationRetrySuccess", Messages.VerificationRetrySuccess(), 4070002, "error", "The request was already completed successfully and can not be retried." },
        { "VerificationStateFailure", Messages.VerificationStateFailure(), 4070003, "error", "The verification flow reached a failure state and must be retried." },
        { "VerificationCodeInvalidOrAlreadyUsed", Messages.VerificationCodeInvalidOrAlreadyUsed(), 4070006, "error", "The verification code is invalid or has already been used. Please try again." },
        { "NoMethodsAvailable", Messages.NoMethodsAvailable(), 5000002, "error", "No authentication methods are available. Please contact the system administrator." },
        { "SsoRequiredButUnconfigured", Messages.SsoRequiredButUnconfigured(), 5000003, "error", "Your organization requires SSO authentication, but no SSO provider is configured. Please contact the system administrator." },
    };

    [Theory]
    [MemberData(nameof(Plain))]
    public void Message_without_context_matches_the_catalogue(string factory, string actual, string expected)
    {
        Assert.True(expected == actual, $"{factory}: expected {expected} but got {actual}");
    }

    public static IEnumerable<object[]> WithContext => new Rows
    {
        { "LoginWith", Messages.LoginWith("Google", "google"), 1010002, "info", "Sign in with Google", """{"provider":"Google","provider_id":"google"}""" },
        { "LoginLink", Messages.LoginLink("a@b.c", "github", "https://x/login", ["password"], ["google"]), 1010016, "info",
            "You tried to sign in with \"a@b.c\", but that email is already used by another account. Sign in to your account with one of the options below to add your account \"a@b.c\" at \"github\" as another way to sign in.",
            """{"duplicateIdentifier":"a@b.c","duplicate_identifier":"a@b.c","provider":"github","newLoginUrl":"https://x/login","new_login_url":"https://x/login","available_credential_types":["password"],"available_providers":["google"]}""" },
        { "LoginWithAndLink", Messages.LoginWithAndLink("GitHub"), 1010018, "info", "Confirm with GitHub", """{"provider":"GitHub"}""" },
        { "LoginAal2CodeAddress", Messages.LoginAal2CodeAddress("a@b.c", "email"), 1010023, "info", "Send code to a@b.c", """{"address":"a@b.c","channel":"email"}""" },
        { "RegistrationWith", Messages.RegistrationWith("Google", "google"), 1040002, "info", "Sign up with Google", """{"provider":"Google","provider_id":"google"}""" },
        { "SettingsLinkOidc", Messages.SettingsLinkOidc("google"), 1050002, "info", "Link google", """{"provider":"google"}""" },
        { "SettingsUnlinkOidc", Messages.SettingsUnlinkOidc("google"), 1050003, "info", "Unlink google", """{"provider":"google"}""" },
        { "SettingsTotpSecret", Messages.SettingsTotpSecret("JBSWY3DPEHPK3PXP"), 1050006, "info", "JBSWY3DPEHPK3PXP", """{"secret":"JBSWY3DPEHPK3PXP"}""" },
        { "SettingsLookupSecret", Messages.SettingsLookupSecret("abcd1234"), 1050009, "info", "abcd1234", """{"secret":"abcd1234"}""" },
        { "SettingsLookupSecretUsed", Messages.SettingsLookupSecretUsed(Now), 1050014, "info", "Secret was used at 2025-01-02 03:04:05 +0000 UTC",
            """{"used_at":"2025-01-02T03:04:05Z","used_at_unix":1735787045}""" },
        { "SettingsLookupSecretList", Messages.SettingsLookupSecretList([Messages.SettingsLookupSecret("aaaa"), Messages.SettingsLookupSecretUsed(Now), Messages.SettingsLookupSecret("cccc")]),
            1050015, "info", "aaaa, used, cccc",
            """{"secrets":[{"id":1050009,"text":"aaaa","type":"info","context":{"secret":"aaaa"}},{"id":1050014,"text":"Secret was used at 2025-01-02 03:04:05 +0000 UTC","type":"info","context":{"used_at":"2025-01-02T03:04:05Z","used_at_unix":1735787045}},{"id":1050009,"text":"cccc","type":"info","context":{"secret":"cccc"}}]}""" },
        { "SettingsRemoveWebAuthn", Messages.SettingsRemoveWebAuthn("YubiKey", Now), 1050018, "info", "Remove security key \"YubiKey\"",
            """{"display_name":"YubiKey","added_at":"2025-01-02T03:04:05Z","added_at_unix":1735787045}""" },
        { "SettingsRemoveWebAuthn unnamed", Messages.SettingsRemoveWebAuthn("", Now), 1050018, "info", "Remove security key \"unnamed\"",
            """{"display_name":"","added_at":"2025-01-02T03:04:05Z","added_at_unix":1735787045}""" },
        { "SettingsRemovePasskey", Messages.SettingsRemovePasskey(null, Now), 1050020, "info", "Remove passkey \"unnamed\"",
            """{"display_name":"","added_at":"2025-01-02T03:04:05Z","added_at_unix":1735787045}""" },
        { "RecoverySuccessful", Messages.RecoverySuccessful(Now.AddMinutes(15), Now), 1060001, "success",
            "You successfully recovered your account. Please change your password or set up an alternative login method (e.g. social sign in) within the next 15.00 minutes.",
            """{"privilegedSessionExpiresAt":"2025-01-02T03:19:05Z","privileged_session_expires_at":"2025-01-02T03:19:05Z","privileged_session_expires_at_unix":1735787945}""" },
        { "RecoveryCodeSentToMaskedAddress", Messages.RecoveryCodeSentToMaskedAddress("fo****@example.com"), 1060004, "info",
            "A recovery code has been sent to fo****@example.com. If you have not received it, check the spelling of the address and make sure to use the address you registered with.",
            """{"masked_address":"fo****@example.com"}""" },
        { "LabelGenerated", Messages.LabelGenerated("E-Mail", "traits.email"), 1070002, "info", "E-Mail", """{"title":"E-Mail","name":"traits.email"}""" },
        { "Generic", Messages.Generic("too many requests"), 4000001, "error", "too many requests", """{"reason":"too many requests"}""" },
        { "Required", Messages.Required("email"), 4000002, "error", "Property email is missing.", """{"property":"email"}""" },
        { "MinLength", Messages.MinLength(3, 1), 4000003, "error", "length must be >= 3, but got 1", """{"min_length":3,"actual_length":1}""" },
        { "InvalidFormat", Messages.InvalidFormat("^[a-z]+$"), 4000004, "error", "does not match pattern \"^[a-z]+$\"", """{"pattern":"^[a-z]+$"}""" },
        { "PasswordPolicyViolation", Messages.PasswordPolicyViolation("it is too weak"), 4000005, "error", "The password can not be used because it is too weak.", """{"reason":"it is too weak"}""" },
        { "MaxLength", Messages.MaxLength(5, 7), 4000017, "error", "length must be <= 5, but got 7", """{"max_length":5,"actual_length":7}""" },
        { "Minimum", Messages.Minimum(18, 12), 4000018, "error", "must be >= 18 but found 12", """{"minimum":18,"actual":12}""" },
        { "ExclusiveMinimum", Messages.ExclusiveMinimum(0, -1.5), 4000019, "error", "must be > 0 but found -1.5", """{"minimum":0,"actual":-1.5}""" },
        { "Maximum", Messages.Maximum(100, 101), 4000020, "error", "must be <= 100 but found 101", """{"maximum":100,"actual":101}""" },
        { "ExclusiveMaximum", Messages.ExclusiveMaximum(10, 10), 4000021, "error", "must be < 10 but found 10", """{"maximum":10,"actual":10}""" },
        { "MultipleOf", Messages.MultipleOf(5, 7), 4000022, "error", "7 not multipleOf 5", """{"base":5,"actual":7}""" },
        { "MaxItems", Messages.MaxItems(2, 3), 4000023, "error", "maximum 2 items allowed, but found 3 items", """{"max_items":2,"actual_items":3}""" },
        { "MinItems", Messages.MinItems(2, 1), 4000024, "error", "minimum 2 items allowed, but found 1 items", """{"min_items":2,"actual_items":1}""" },
        { "UniqueItems", Messages.UniqueItems(0, 2), 4000025, "error", "items at index 0 and 2 are equal", """{"index_a":0,"index_b":2}""" },
        { "WrongType", Messages.WrongType(["string", "null"], "number"), 4000026, "error", "expected string or null, but got number", """{"allowed_types":["string","null"],"actual_type":"number"}""" },
        { "DuplicateCredentialsWithHints none", Messages.DuplicateCredentialsWithHints([], [], ""), 4000028, "error",
            "You tried signing in with an email, phone, or username which is already in use by another account.",
            """{"available_credential_types":[],"available_oidc_providers":[],"credential_identifier_hint":""}""" },
        { "DuplicateCredentialsWithHints all", Messages.DuplicateCredentialsWithHints(["password", "oidc", "webauthn", "passkey"], ["google", "github"], "foo@example.com"), 4000028, "error",
            "You tried signing in with foo@example.com which is already in use by another account. You can sign in using your password, social sign in, your passkey or a security key, or your passkey. You can sign in using one of the following social sign in providers: Google, Github.",
            """{"available_credential_types":["password","oidc","webauthn","passkey"],"available_oidc_providers":["google","github"],"credential_identifier_hint":"foo@example.com"}""" },
        { "DuplicateCredentialsWithHints one", Messages.DuplicateCredentialsWithHints(["password"], [], "foo@example.com"), 4000028, "error",
            "You tried signing in with foo@example.com which is already in use by another account. You can sign in using your password.",
            """{"available_credential_types":["password"],"available_oidc_providers":[],"credential_identifier_hint":"foo@example.com"}""" },
        { "Const", Messages.Const(JsonValue.Create("admin")), 4000029, "error", "must be equal to constant admin", """{"expected":"admin"}""" },
        { "PasswordTooShort", Messages.PasswordTooShort(8, 5), 4000032, "error", "The password must be at least 8 characters long, but got 5.", """{"min_length":8,"actual_length":5}""" },
        { "PasswordMaxLength", Messages.PasswordMaxLength(72, 80), 4000033, "error", "The password must be at most 72 characters long, but got 80.", """{"max_length":72,"actual_length":80}""" },
        { "PasswordTooManyBreaches", Messages.PasswordTooManyBreaches(42), 4000034, "error", "The password has been found in data breaches and must no longer be used.", """{"breaches":42}""" },
        { "InvalidEmail", Messages.InvalidEmail("nope"), 4000040, "error", "Enter a valid email address", """{"value":"nope"}""" },
        { "InvalidPhone", Messages.InvalidPhone("12"), 4000041, "error", "Enter a valid phone number", """{"value":"12"}""" },
        { "LoginFlowExpired", Messages.LoginFlowExpired(Now.AddMinutes(-1.5), Now), 4010001, "error", "The login flow expired 1.50 minutes ago, please try again.",
            """{"expired_at":"2025-01-02T03:02:35Z","expired_at_unix":1735786955}""" },
        { "RegistrationFlowExpired", Messages.RegistrationFlowExpired(Now.AddMinutes(-2), Now), 4040001, "error", "The registration flow expired 2.00 minutes ago, please try again.",
            """{"expired_at":"2025-01-02T03:02:05Z","expired_at_unix":1735786925}""" },
        { "SettingsFlowExpired", Messages.SettingsFlowExpired(Now.AddSeconds(-20), Now), 4050001, "error", "The settings flow expired 0.33 minutes ago, please try again.",
            """{"expired_at":"2025-01-02T03:03:45Z","expired_at_unix":1735787025}""" },
        { "RecoveryFlowExpired", Messages.RecoveryFlowExpired(Now.AddMinutes(-60), Now), 4060005, "error", "The recovery flow expired 60.00 minutes ago, please try again.",
            """{"expired_at":"2025-01-02T02:04:05Z","expired_at_unix":1735783445}""" },
        { "VerificationFlowExpired", Messages.VerificationFlowExpired(Now.AddMinutes(-1), Now), 4070005, "error", "The verification flow expired 1.00 minutes ago, please try again.",
            """{"expired_at":"2025-01-02T03:03:05Z","expired_at_unix":1735786985}""" },
        { "SystemGeneric", Messages.SystemGeneric("database down"), 5000001, "error", "database down", """{"reason":"database down"}""" },
    };

    [Theory]
    [MemberData(nameof(WithContext))]
    public void Message_with_context_matches_the_catalogue(string factory, string actual, string expected)
    {
        Assert.True(expected == actual, $"{factory}: expected {expected} but got {actual}");
    }

    // Each row: the factory's name, the message as written, and the catalogue's expectation written the same way.
    sealed class Rows : List<object[]>
    {
        public void Add(string factory, UiText message, long id, string type, string text) =>
            Add([factory, Write(message), Write(new UiText(id, text, type))]);

        public void Add(string factory, UiText message, long id, string type, string text, string context) =>
            Add([factory, Write(message), Write(new UiText(id, text, type, JsonNode.Parse(context)!.AsObject()))]);

        static string Write(UiText text)
        {
            using var buffer = new MemoryStream();
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, Tessera.Hosting.JsonWriting.Options))
            {
                text.WriteTo(writer);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
    }

    [Fact]
    public void Masked_address_label_is_1070000_without_context()
    {
        var label = Messages.LabelMaskedAddress("fo****@example.com");
        Assert.Equal(1070000, label.Id);
        Assert.Equal("fo****@example.com", label.Text);
        Assert.Null(label.Context);
    }

    [Fact]
    public void Every_catalogue_id_has_a_constant()
    {
        var ids = new long[]
        {
            1010001, 1010002, 1010003, 1010004, 1010005, 1010006, 1010007, 1010008, 1010009, 1010010, 1010011, 1010012, 1010013,
            1010014, 1010015, 1010016, 1010017, 1010018, 1010019, 1010021, 1010022, 1010023, 1010024, 1010025,
            1040001, 1040002, 1040003, 1040004, 1040005, 1040006, 1040007, 1040008, 1040009,
            1050001, 1050002, 1050003, 1050004, 1050005, 1050006, 1050007, 1050008, 1050009, 1050010, 1050011, 1050012, 1050013,
            1050014, 1050015, 1050016, 1050017, 1050018, 1050019, 1050020, 1050023,
            1060001, 1060002, 1060003, 1060004, 1060005, 1060006, 1060007,
            1070000, 1070001, 1070002, 1070003, 1070004, 1070005, 1070006, 1070007, 1070008, 1070009, 1070010, 1070011, 1070012,
            1070013, 1070014, 1070015, 1070016, 1070017, 1070018,
            1080001, 1080002, 1080003, 1080004, 1080005,
            4000001, 4000002, 4000003, 4000004, 4000005, 4000006, 4000007, 4000008, 4000009, 4000010, 4000011, 4000012, 4000013,
            4000014, 4000015, 4000016, 4000017, 4000018, 4000019, 4000020, 4000021, 4000022, 4000023, 4000024, 4000025, 4000026,
            4000027, 4000028, 4000029, 4000030, 4000031, 4000032, 4000033, 4000034, 4000035, 4000036, 4000037, 4000038, 4000039,
            4000040, 4000041, 4000042, 4000043, 4000044, 4000045, 4000046,
            4010001, 4010002, 4010003, 4010004, 4010005, 4010006, 4010007, 4010008, 4010009, 4010010, 4010011,
            4040001, 4040002, 4040003, 4050001, 4050002, 4060001, 4060002, 4060004, 4060005, 4060006,
            4070001, 4070002, 4070003, 4070005, 4070006, 5000001, 5000002, 5000003,
        };
        var constants = new HashSet<long>(MessageIdValues());
        Assert.Equal(160, ids.Length);
        Assert.All(ids, id => Assert.Contains(id, constants));
        Assert.Equal(ids.Length, constants.Count);
    }

    // Reflection is fine in tests (the AOT constraint applies to src only).
    static IEnumerable<long> MessageIdValues() =>
        typeof(MessageId).GetFields().Where(f => f.IsLiteral).Select(f => (long)f.GetRawConstantValue()!);
}
