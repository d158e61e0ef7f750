namespace Tessera.Courier.Templates.GoText;

/// <summary>Which part of a URL the output is in: its start (scheme checked), before the query, or in query/fragment.</summary>
internal enum UrlPart
{
    None,
    PreQuery,
    QueryOrFragment,
}
