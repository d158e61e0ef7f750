namespace Tessera.Courier.Templates.GoText;

/// <summary>The HTML around an action is malformed in a way html/template refuses (a quote in an unquoted attribute…).</summary>
internal sealed class HtmlEscapeException(string message) : Exception(message);
