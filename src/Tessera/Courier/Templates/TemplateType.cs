namespace Tessera.Courier.Templates;

/// <summary>Kratos's courier template types; the wire name (<c>template_type</c>) is <see cref="TemplateLayout.Name"/>.</summary>
internal enum TemplateType
{
    RecoveryInvalid,
    RecoveryValid,
    RecoveryCodeInvalid,
    RecoveryCodeValid,
    VerificationInvalid,
    VerificationValid,
    VerificationCodeInvalid,
    VerificationCodeValid,
    LoginCodeValid,
    RegistrationCodeValid,
    VerifiableAddressChanged,
    AuthenticatorKeyAdded,
    Stub,
}
