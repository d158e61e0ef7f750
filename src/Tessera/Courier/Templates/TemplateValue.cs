namespace Tessera.Courier.Templates;

/// <summary>Where a template variable takes its value from in <see cref="TemplateFields"/>.</summary>
internal enum TemplateValue
{
    To,
    Code,
    Url,
    Identity,
    Traits,
    RequestUrl,
    RequestUrlDomain,
    TransientPayload,
    ExpiresInMinutes,
    ChangedAt,
    AddedAt,
    Subject,
    Body,
    HtmlBody,
}
