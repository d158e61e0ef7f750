namespace Tessera.Courier.Templates;

/// <summary>One file of a template folder.</summary>
internal enum TemplatePart
{
    Subject,
    HtmlBody,
    PlainBody,
    SmsBody,
}
