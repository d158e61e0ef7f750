using Tessera.Courier.Templates.GoText;

namespace Tessera.Courier.Templates;

/// <summary>
/// The courier's template set: for every template type and part, the template Kratos would use — a
/// <c>courier.templates.…</c> URL, else the file in <c>courier.template_override_path</c>, else the built-in one —
/// parsed once at start-up. Rendering is thread-safe.
/// </summary>
internal sealed partial class CourierTemplates
{
    readonly Dictionary<(TemplateType, TemplatePart), LoadedTemplate> _templates;
    readonly TimeProvider _time;

    CourierTemplates(Dictionary<(TemplateType, TemplatePart), LoadedTemplate> templates, TimeProvider time)
    {
        _templates = templates;
        _time = time;
    }

    /// <summary>The built-in templates only, as with no courier template configuration.</summary>
    public static CourierTemplates BuiltIn { get; } = new(LoadBuiltIn(), TimeProvider.System);

    /// <summary>Where each template came from ("built-in", a config key and URL, or a file), for start-up logs.</summary>
    public IEnumerable<string> Sources =>
        _templates.Where(t => t.Value.Source != BuiltInSource).Select(t => $"{TemplateLayout.For(t.Key.Item1).Name} {t.Key.Item2}: {t.Value.Source}");

    /// <exception cref="TemplateException">A template failed while executing (for example a field the model does not have).</exception>
    public EmailContent RenderEmail(TemplateModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Channel != TemplateChannel.Email)
        {
            throw new ArgumentException("the model was built for an SMS", nameof(model));
        }

        if (model.Type == TemplateType.Stub)
        {
            // Kratos's stub sends its fields as they are; its HTML body falls back to the plain one.
            var body = Field(model, "Body");
            var html = Field(model, "HTMLBody");
            return new EmailContent(Field(model, "Subject"), body, html.Length > 0 ? html : body);
        }

        // Kratos trims the subject (a trailing newline in the file must not reach the header).
        var subject = Render(model, TemplatePart.Subject).Trim();
        var plain = Render(model, TemplatePart.PlainBody);
        var htmlBody = Render(model, TemplatePart.HtmlBody);
        return new EmailContent(subject, plain, htmlBody);
    }

    /// <exception cref="TemplateException">The template failed while executing.</exception>
    public string RenderSms(TemplateModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Channel != TemplateChannel.Sms)
        {
            throw new ArgumentException("the model was built for an email", nameof(model));
        }

        return model.Type == TemplateType.Stub ? Field(model, "Body") : Render(model, TemplatePart.SmsBody);
    }

    string Render(TemplateModel model, TemplatePart part)
    {
        var template = _templates[(model.Type, part)];
        return template.Template.Execute(model.Data, _time);
    }

    static string Field(TemplateModel model, string name) =>
        model.Data.TryGet(name, out var value) && value is string s ? s : "";

    const string BuiltInSource = "built-in";

    /// <summary>A parsed template and a description of where it came from.</summary>
    sealed record LoadedTemplate(GoTemplate Template, string Source);

    static Dictionary<(TemplateType, TemplatePart), LoadedTemplate> LoadBuiltIn()
    {
        var templates = new Dictionary<(TemplateType, TemplatePart), LoadedTemplate>();
        foreach (var layout in TemplateLayout.All.Where(l => l.Type != TemplateType.Stub))
        {
            foreach (var part in PartsOf(layout))
            {
                templates[(layout.Type, part)] = new LoadedTemplate(ParseBuiltIn(layout, part), BuiltInSource);
            }
        }

        return templates;
    }

    static IEnumerable<TemplatePart> PartsOf(TemplateLayout layout) =>
        layout.HasSms
            ? [TemplatePart.Subject, TemplatePart.PlainBody, TemplatePart.HtmlBody, TemplatePart.SmsBody]
            : [TemplatePart.Subject, TemplatePart.PlainBody, TemplatePart.HtmlBody];

    static TemplateMode ModeOf(TemplatePart part) => part == TemplatePart.HtmlBody ? TemplateMode.Html : TemplateMode.Text;

    static GoTemplate ParseBuiltIn(TemplateLayout layout, TemplatePart part)
    {
        var path = layout.Folder + "/" + TemplateLayout.FileName(part);
        var text = BuiltinTemplates.Find(layout.Folder, part)
            ?? throw new InvalidOperationException($"no built-in template {path}");
        return GoTemplate.Parse(path, text, ModeOf(part));
    }
}
