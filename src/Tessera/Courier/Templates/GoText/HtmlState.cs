namespace Tessera.Courier.Templates.GoText;

/// <summary>Where in an HTML document the output is, after the template text written so far (html/template's states).</summary>
internal enum HtmlState
{
    Text,
    Tag,
    AttrName,
    AfterName,
    BeforeValue,
    HtmlComment,
    Rcdata,
    Attr,
    Url,
    Srcset,
    Js,
    JsDqStr,
    JsSqStr,
    JsTmplLit,
    JsBlockComment,
    JsLineComment,
    Css,
    CssDqStr,
    CssSqStr,
    CssBlockComment,
    CssLineComment,
}
