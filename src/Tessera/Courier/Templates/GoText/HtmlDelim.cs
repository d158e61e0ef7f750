namespace Tessera.Courier.Templates.GoText;

/// <summary>What ends the attribute value the output is in.</summary>
internal enum HtmlDelim
{
    None,
    DoubleQuote,
    SingleQuote,
    SpaceOrTagEnd,
}
