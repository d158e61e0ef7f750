namespace Tessera.Courier.Templates.GoText;

/// <summary>Elements whose content is not HTML text: script (JS), style (CSS), textarea and title (RCDATA).</summary>
internal enum HtmlElement
{
    None,
    Script,
    Style,
    Textarea,
    Title,
}
