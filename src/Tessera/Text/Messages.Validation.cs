using System.Globalization;
using System.Text.Json.Nodes;
using static Tessera.Text.MessageId;

namespace Tessera.Text;

internal static partial class Messages
{
    public static UiText Generic(string reason) => Error(ErrorValidationGeneric, reason, new JsonObject { ["reason"] = reason });

    public static UiText Required(string property) =>
        Error(ErrorValidationRequired, $"Property {property} is missing.", new JsonObject { ["property"] = property });

    public static UiText MinLength(long minLength, long actualLength) =>
        Error(ErrorValidationMinLength, $"length must be >= {minLength}, but got {actualLength}",
            new JsonObject { ["min_length"] = minLength, ["actual_length"] = actualLength });

    public static UiText InvalidFormat(string pattern) =>
        Error(ErrorValidationInvalidFormat, $"does not match pattern \"{pattern}\"", new JsonObject { ["pattern"] = pattern });

    public static UiText PasswordPolicyViolation(string reason) =>
        Error(ErrorValidationPasswordPolicyViolationGeneric, $"The password can not be used because {reason}.", new JsonObject { ["reason"] = reason });

    public static UiText InvalidCredentials() =>
        Error(ErrorValidationInvalidCredentials,
            "The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number.");

    public static UiText DuplicateCredentials() =>
        Error(ErrorValidationDuplicateCredentials, "An account with the same identifier (email, phone, username, ...) exists already.");

    public static UiText TotpVerifierWrong() =>
        Error(ErrorValidationTotpVerifierWrong, "The provided authentication code is invalid, please try again.");

    public static UiText IdentifierMissing() =>
        Error(ErrorValidationIdentifierMissing,
            "Could not find any login identifiers. Did you forget to set them? This could also be caused by a server misconfiguration.");

    public static UiText AddressNotVerified() =>
        Error(ErrorValidationAddressNotVerified, "Account not active yet. Did you forget to verify your email address?");

    public static UiText NoTotpDevice() => Error(ErrorValidationNoTotpDevice, "You have no TOTP device set up.");

    public static UiText LookupAlreadyUsed() => Error(ErrorValidationLookupAlreadyUsed, "This backup recovery code has already been used.");

    public static UiText NoWebAuthnDevice() => Error(ErrorValidationNoWebAuthnDevice, "You have no WebAuthn device set up.");

    public static UiText NoLookup() => Error(ErrorValidationNoLookup, "You have no backup recovery codes set up.");

    public static UiText NoWebAuthnUser() =>
        Error(ErrorValidationSuchNoWebAuthnUser, "This account does not exist or has no security key set up.");

    public static UiText LookupInvalid() => Error(ErrorValidationLookupInvalid, "The backup recovery code is not valid.");

    public static UiText MaxLength(long maxLength, long actualLength) =>
        Error(ErrorValidationMaxLength, $"length must be <= {maxLength}, but got {actualLength}",
            new JsonObject { ["max_length"] = maxLength, ["actual_length"] = actualLength });

    public static UiText Minimum(double minimum, double actual) =>
        Error(ErrorValidationMinimum, $"must be >= {GoFloat(minimum)} but found {GoFloat(actual)}",
            new JsonObject { ["minimum"] = minimum, ["actual"] = actual });

    public static UiText ExclusiveMinimum(double minimum, double actual) =>
        Error(ErrorValidationExclusiveMinimum, $"must be > {GoFloat(minimum)} but found {GoFloat(actual)}",
            new JsonObject { ["minimum"] = minimum, ["actual"] = actual });

    public static UiText Maximum(double maximum, double actual) =>
        Error(ErrorValidationMaximum, $"must be <= {GoFloat(maximum)} but found {GoFloat(actual)}",
            new JsonObject { ["maximum"] = maximum, ["actual"] = actual });

    public static UiText ExclusiveMaximum(double maximum, double actual) =>
        Error(ErrorValidationExclusiveMaximum, $"must be < {GoFloat(maximum)} but found {GoFloat(actual)}",
            new JsonObject { ["maximum"] = maximum, ["actual"] = actual });

    public static UiText MultipleOf(double @base, double actual) =>
        Error(ErrorValidationMultipleOf, $"{GoFloat(actual)} not multipleOf {GoFloat(@base)}",
            new JsonObject { ["base"] = @base, ["actual"] = actual });

    public static UiText MaxItems(long maxItems, long actualItems) =>
        Error(ErrorValidationMaxItems, $"maximum {maxItems} items allowed, but found {actualItems} items",
            new JsonObject { ["max_items"] = maxItems, ["actual_items"] = actualItems });

    public static UiText MinItems(long minItems, long actualItems) =>
        Error(ErrorValidationMinItems, $"minimum {minItems} items allowed, but found {actualItems} items",
            new JsonObject { ["min_items"] = minItems, ["actual_items"] = actualItems });

    public static UiText UniqueItems(int indexA, int indexB) =>
        Error(ErrorValidationUniqueItems, $"items at index {indexA} and {indexB} are equal",
            new JsonObject { ["index_a"] = indexA, ["index_b"] = indexB });

    public static UiText WrongType(IReadOnlyList<string> allowedTypes, string actualType) =>
        Error(ErrorValidationWrongType, $"expected {string.Join(" or ", allowedTypes)}, but got {actualType}",
            new JsonObject { ["allowed_types"] = Strings(allowedTypes), ["actual_type"] = actualType });

    public static UiText DuplicateCredentialsOnOidcLink() =>
        Error(ErrorValidationDuplicateCredentialsOnOidcLink,
            "An account with the same identifier (email, phone, username, ...) exists already. Please sign in to your existing account to link your social profile.");

    /// <summary>
    /// 4000028: registration hit an existing account. The sentence lists the ways to sign in that the existing account
    /// has; an empty <paramref name="credentialIdentifierHint"/> stays empty in the context but is worded generically.
    /// </summary>
    public static UiText DuplicateCredentialsWithHints(IReadOnlyList<string> availableCredentialTypes,
        IReadOnlyList<string> availableOidcProviders, string credentialIdentifierHint)
    {
        ArgumentNullException.ThrowIfNull(availableCredentialTypes);
        ArgumentNullException.ThrowIfNull(availableOidcProviders);
        var who = string.IsNullOrEmpty(credentialIdentifierHint) ? "an email, phone, or username" : credentialIdentifierHint;
        var text = $"You tried signing in with {who} which is already in use by another account.";

        var ways = new List<string>();
        foreach (var type in availableCredentialTypes)
        {
            var way = type switch
            {
                "password" => "your password",
                "oidc" or "saml" => "social sign in",
                "webauthn" => "your passkey or a security key",
                "passkey" => "your passkey",
                _ => null,
            };
            if (way is not null)
            {
                ways.Add(way);
            }
        }

        if (ways.Count == 0)
        {
            // An unknown method still tells the user something rather than nothing.
            ways.AddRange(availableCredentialTypes);
        }

        if (ways.Count > 1)
        {
            ways[^1] = "or " + ways[^1];
        }

        if (ways.Count > 0)
        {
            text += $" You can sign in using {string.Join(", ", ways)}.";
        }

        if (availableOidcProviders.Count > 0)
        {
            text += $" You can sign in using one of the following social sign in providers: {string.Join(", ", availableOidcProviders.Select(TitleCase))}.";
        }

        return Error(ErrorValidationDuplicateCredentialsWithHints, text, new JsonObject
        {
            ["available_credential_types"] = Strings(availableCredentialTypes),
            ["available_oidc_providers"] = Strings(availableOidcProviders),
            ["credential_identifier_hint"] = credentialIdentifierHint,
        });
    }

    static string TitleCase(string provider) =>
        provider.Length == 0 ? provider : char.ToUpper(provider[0], CultureInfo.InvariantCulture) + provider[1..];

    /// <summary>4000029; <paramref name="expected"/> is the schema's <c>const</c>. Strings print bare (Go's %v), other values as JSON.</summary>
    public static UiText Const(JsonNode? expected)
    {
        var shown = expected is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? v.GetValue<string>()
            : expected?.ToJsonString() ?? "null";
        return Error(ErrorValidationConst, $"must be equal to constant {shown}", new JsonObject { ["expected"] = expected?.DeepClone() });
    }

    public static UiText ConstGeneric() => Error(ErrorValidationConstGeneric, "const failed");

    public static UiText PasswordIdentifierTooSimilar() =>
        Error(ErrorValidationPasswordIdentifierTooSimilar, "The password can not be used because it is too similar to the identifier.");

    public static UiText PasswordMinLength(int minLength, int actualLength) =>
        Error(ErrorValidationPasswordMinLength, $"The password must be at least {minLength} characters long, but got {actualLength}.",
            new JsonObject { ["min_length"] = minLength, ["actual_length"] = actualLength });

    /// <summary>Alias of <see cref="PasswordMinLength"/> under the name used in the brief.</summary>
    public static UiText PasswordTooShort(int minLength, int actualLength) => PasswordMinLength(minLength, actualLength);

    public static UiText PasswordMaxLength(int maxLength, int actualLength) =>
        Error(ErrorValidationPasswordMaxLength, $"The password must be at most {maxLength} characters long, but got {actualLength}.",
            new JsonObject { ["max_length"] = maxLength, ["actual_length"] = actualLength });

    public static UiText PasswordTooManyBreaches(long breaches) =>
        Error(ErrorValidationPasswordTooManyBreaches, "The password has been found in data breaches and must no longer be used.",
            new JsonObject { ["breaches"] = breaches });

    public static UiText NoCodeUser() =>
        Error(ErrorValidationNoCodeUser, "This account does not exist or has not setup sign in with code.");

    public static UiText TraitsMismatch() =>
        Error(ErrorValidationTraitsMismatch, "The provided traits do not match the traits previously associated with this flow.");

    public static UiText AccountNotFound() =>
        Error(ErrorValidationAccountNotFound, "This account does not exist or has no login method configured.");

    public static UiText CaptchaError() => Error(ErrorValidationCaptchaError, "Captcha verification failed, please try again.");

    public static UiText PasswordNewSameAsOld() =>
        Error(ErrorValidationPasswordNewSameAsOld, "The new password must be different from the old password.");

    public static UiText InvalidEmail(string value) =>
        Error(ErrorValidationInvalidEmail, "Enter a valid email address", new JsonObject { ["value"] = value });

    public static UiText InvalidPhone(string value) =>
        Error(ErrorValidationInvalidPhone, "Enter a valid phone number", new JsonObject { ["value"] = value });

    public static UiText NoDeviceAuthnDevice() => Error(ErrorValidationNoDeviceAuthnDevice, "You have no DeviceAuthn device set up.");

    public static UiText WebAuthnLoginInvalid() =>
        Error(ErrorValidationWebAuthnLoginInvalid, "The provided web authn login is invalid, please try again.");

    public static UiText DeviceAuthnSignatureInvalid() =>
        Error(ErrorValidationDeviceAuthnSignatureInvalid, "The provided DeviceAuthn signature is invalid.");

    public static UiText DeviceAuthnRelaxedAttestationExpired() =>
        Error(ErrorValidationDeviceAuthnRelaxedAttestationExpired,
            "This DeviceAuthn key can no longer be used because relaxed attestation is expired or disabled. Please enroll your device again.");

    public static UiText DeviceAuthnUserVerificationMissing() =>
        Error(ErrorValidationDeviceAuthnUserVerificationMissing,
            "This DeviceAuthn key was enrolled before user verification was introduced and can no longer be used. Please enroll your device again.");
}
