namespace Tessera.Courier.Templates.GoText;

/// <summary>The kind of value the current attribute holds, from its name (href is a URL, onclick is JS, style is CSS).</summary>
internal enum HtmlAttr
{
    None,
    Script,
    ScriptType,
    Style,
    Url,
    Srcset,
}
