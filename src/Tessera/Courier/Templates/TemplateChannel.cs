namespace Tessera.Courier.Templates;

/// <summary>Which kind of message a template renders: an email (subject, HTML and plain bodies) or an SMS.</summary>
internal enum TemplateChannel
{
    Email,
    Sms,
}
