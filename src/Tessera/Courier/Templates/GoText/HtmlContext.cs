namespace Tessera.Courier.Templates.GoText;

/// <summary>html/template's context: the state plus what qualifies it.</summary>
internal readonly record struct HtmlContext(
    HtmlState State,
    HtmlDelim Delim = HtmlDelim.None,
    UrlPart UrlPart = UrlPart.None,
    HtmlElement Element = HtmlElement.None,
    HtmlAttr Attr = HtmlAttr.None)
{
    public bool IsComment => State is HtmlState.HtmlComment or HtmlState.JsBlockComment or HtmlState.JsLineComment
        or HtmlState.CssBlockComment or HtmlState.CssLineComment;

    public bool IsInScriptLiteral => State is HtmlState.JsDqStr or HtmlState.JsSqStr or HtmlState.JsTmplLit;
}
