namespace Tessera.Courier.Templates.GoText;

/// <summary>A template failed to parse or to execute; the message reads like Go's (<c>template: name:line: reason</c>).</summary>
internal sealed class TemplateException(string message, string templateName, int line, bool isParseError) : Exception(message)
{
    public string TemplateName { get; } = templateName;

    /// <summary>The 1-based line of the template text the error points at.</summary>
    public int Line { get; } = line;

    public bool IsParseError { get; } = isParseError;
}
