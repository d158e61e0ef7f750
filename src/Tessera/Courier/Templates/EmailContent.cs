namespace Tessera.Courier.Templates;

/// <summary>A rendered email. The subject is trimmed, as Kratos trims it; the bodies are exactly what the templates print.</summary>
internal sealed record EmailContent(string Subject, string PlainBody, string? HtmlBody);
