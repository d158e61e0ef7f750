namespace Tessera.Courier.Templates;

/// <summary>
/// Where each template type lives, after Kratos's courier/template/{email,sms}: its folder under the override path
/// (and the built-in set), its key under <c>courier.templates</c>, and the fields of its Go model struct.
/// </summary>
internal sealed record TemplateLayout(
    TemplateType Type,
    string Name,
    string Folder,
    string? ConfigKey,
    string ModelName,
    IReadOnlyList<TemplateField> EmailFields,
    IReadOnlyList<TemplateField>? SmsFields)
{
    static readonly TemplateField To = new("To", "to", TemplateValue.To);
    static readonly TemplateField Identity = new("Identity", "identity", TemplateValue.Identity);
    static readonly TemplateField RequestUrl = new("RequestURL", "request_url", TemplateValue.RequestUrl);
    static readonly TemplateField RequestUrlDomain = new("RequestURLDomain", "request_url_domain", TemplateValue.RequestUrlDomain);
    static readonly TemplateField TransientPayload = new("TransientPayload", "transient_payload", TemplateValue.TransientPayload);
    static readonly TemplateField ExpiresInMinutes = new("ExpiresInMinutes", "expires_in_minutes", TemplateValue.ExpiresInMinutes);

    static readonly TemplateField[] Unknown = [To, RequestUrl, TransientPayload];

    static TemplateField Code(string goName, string jsonName) => new(goName, jsonName, TemplateValue.Code);

    static TemplateField Url(string goName, string jsonName) => new(goName, jsonName, TemplateValue.Url);

    public static IReadOnlyList<TemplateLayout> All { get; } =
    [
        new(TemplateType.RecoveryInvalid, "recovery_invalid", "recovery/invalid", "recovery.invalid", "RecoveryInvalidModel", Unknown, null),
        new(TemplateType.RecoveryValid, "recovery_valid", "recovery/valid", "recovery.valid", "RecoveryValidModel",
            [To, Url("RecoveryURL", "recovery_url"), Identity, RequestUrl, TransientPayload, ExpiresInMinutes], null),
        new(TemplateType.RecoveryCodeInvalid, "recovery_code_invalid", "recovery_code/invalid", "recovery_code.invalid", "RecoveryCodeInvalidModel", Unknown, null),

        // Kratos's SMS model keeps the Go name RecoveryCode but tags it "verification_code" in JSON.
        new(TemplateType.RecoveryCodeValid, "recovery_code_valid", "recovery_code/valid", "recovery_code.valid", "RecoveryCodeValidModel",
            [To, Code("RecoveryCode", "recovery_code"), Identity, RequestUrl, TransientPayload, ExpiresInMinutes],
            [To, Code("RecoveryCode", "verification_code"), Identity, RequestUrl, RequestUrlDomain, TransientPayload, ExpiresInMinutes]),
        new(TemplateType.VerificationInvalid, "verification_invalid", "verification/invalid", "verification.invalid", "VerificationInvalidModel", Unknown, null),
        new(TemplateType.VerificationValid, "verification_valid", "verification/valid", "verification.valid", "VerificationValidModel",
            [To, Url("VerificationURL", "verification_url"), Identity, RequestUrl, TransientPayload, ExpiresInMinutes], null),
        new(TemplateType.VerificationCodeInvalid, "verification_code_invalid", "verification_code/invalid", "verification_code.invalid", "VerificationCodeInvalidModel", Unknown, null),
        new(TemplateType.VerificationCodeValid, "verification_code_valid", "verification_code/valid", "verification_code.valid", "VerificationCodeValidModel",
            [To, Url("VerificationURL", "verification_url"), Code("VerificationCode", "verification_code"), Identity, RequestUrl, TransientPayload, ExpiresInMinutes],
            [To, Code("VerificationCode", "verification_code"), Identity, RequestUrl, RequestUrlDomain, TransientPayload, ExpiresInMinutes]),
        new(TemplateType.LoginCodeValid, "login_code_valid", "login_code/valid", "login_code.valid", "LoginCodeValidModel",
            [To, Code("LoginCode", "login_code"), Identity, RequestUrl, TransientPayload, ExpiresInMinutes],
            [To, Code("LoginCode", "login_code"), Identity, RequestUrl, RequestUrlDomain, TransientPayload, ExpiresInMinutes]),

        // The email model carries the submitted traits (there is no identity yet); the SMS model an identity map.
        new(TemplateType.RegistrationCodeValid, "registration_code_valid", "registration_code/valid", "registration_code.valid", "RegistrationCodeValidModel",
            [To, new("Traits", "traits", TemplateValue.Traits), Code("RegistrationCode", "registration_code"), RequestUrl, TransientPayload, ExpiresInMinutes],
            [To, Code("RegistrationCode", "registration_code"), Identity, RequestUrl, RequestUrlDomain, TransientPayload, ExpiresInMinutes]),
        new(TemplateType.VerifiableAddressChanged, "verifiable_address_changed", "verifiable_address_changed", "verifiable_address_changed", "VerifiableAddressChangedModel",
            [To, Identity, new("ChangedAt", "changed_at", TemplateValue.ChangedAt), TransientPayload],
            [To, Identity, new("ChangedAt", "changed_at", TemplateValue.ChangedAt), TransientPayload]),
        new(TemplateType.AuthenticatorKeyAdded, "authenticator_key_added", "authenticator_key_added", "authenticator_key_added", "AuthenticatorKeyAddedModel",
            [To, Identity, new("AddedAt", "added_at", TemplateValue.AddedAt), TransientPayload],
            [To, Identity, new("AddedAt", "added_at", TemplateValue.AddedAt), TransientPayload]),

        // Kratos's stub sends its subject and body as given; no template is rendered.
        new(TemplateType.Stub, "stub", "test_stub", null, "TestStubModel",
            [To, new("Subject", "subject", TemplateValue.Subject), new("Body", "body", TemplateValue.Body), new("HTMLBody", "html_body", TemplateValue.HtmlBody)],
            [To, new("Body", "body", TemplateValue.Body), Identity]),
    ];

    public bool HasSms => SmsFields is not null;

    public IReadOnlyList<TemplateField>? Fields(TemplateChannel channel) => channel == TemplateChannel.Email ? EmailFields : SmsFields;

    public static TemplateLayout For(TemplateType type) => All.First(l => l.Type == type);

    /// <summary>By the wire name of template_type ("recovery_code_valid").</summary>
    public static TemplateLayout? Find(string name) => All.FirstOrDefault(l => l.Name == name);

    /// <summary>The file of a part in a template folder, as Kratos names it.</summary>
    public static string FileName(TemplatePart part) => part switch
    {
        TemplatePart.Subject => "email.subject.gotmpl",
        TemplatePart.HtmlBody => "email.body.gotmpl",
        TemplatePart.PlainBody => "email.body.plaintext.gotmpl",
        _ => "sms.body.gotmpl",
    };

    /// <summary>The key of a part under <c>courier.templates.&lt;ConfigKey&gt;</c>.</summary>
    public static string ConfigSuffix(TemplatePart part) => part switch
    {
        TemplatePart.Subject => "email.subject",
        TemplatePart.HtmlBody => "email.body.html",
        TemplatePart.PlainBody => "email.body.plaintext",
        _ => "sms.body.plaintext",
    };

    public static TemplateChannel ChannelOf(TemplatePart part) => part == TemplatePart.SmsBody ? TemplateChannel.Sms : TemplateChannel.Email;
}
