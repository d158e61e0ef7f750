namespace Tessera.Courier.Templates;

/// <summary>
/// Tessera's built-in English templates, in Kratos's folder layout ("recovery_code/valid/email.subject.gotmpl").
/// The subjects are Kratos's (tests and users find messages by them); the bodies are Tessera's own wording. They are
/// compiled in, so the single binary needs no template files.
/// </summary>
internal static partial class BuiltinTemplates
{
    static readonly Dictionary<string, string> Files = Build();

    /// <summary>The built-in text of a file, or null when the folder has no such file.</summary>
    public static string? Find(string folder, TemplatePart part) =>
        Files.GetValueOrDefault(folder + "/" + TemplateLayout.FileName(part));

    public static IEnumerable<string> Paths => Files.Keys;

    static Dictionary<string, string> Build()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        AddRecovery(files);
        AddVerification(files);
        AddCodes(files);
        AddNotices(files);
        return files;
    }

    static void Add(Dictionary<string, string> files, string folder, string subject, string plain, string html, string? sms = null)
    {
        files[folder + "/" + TemplateLayout.FileName(TemplatePart.Subject)] = subject;
        files[folder + "/" + TemplateLayout.FileName(TemplatePart.PlainBody)] = plain;
        files[folder + "/" + TemplateLayout.FileName(TemplatePart.HtmlBody)] = html;
        if (sms is not null)
        {
            files[folder + "/" + TemplateLayout.FileName(TemplatePart.SmsBody)] = sms;
        }
    }

    /// <summary>Wraps paragraphs in the small HTML document every built-in HTML body shares.</summary>
    static string Html(string paragraphs) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"></head>
        <body style="font-family: sans-serif; line-height: 1.5">
        {paragraphs}
        </body>
        </html>

        """;
}
