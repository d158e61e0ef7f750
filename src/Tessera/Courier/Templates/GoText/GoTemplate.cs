namespace Tessera.Courier.Templates.GoText;

/// <summary>
/// A parsed Go template set, ready to render many times (and from many threads). Parse one text with
/// <see cref="Parse"/>, or several files that share their {{define}}s with <see cref="ParseFiles"/>, as Go's
/// ParseFS does; <see cref="Execute"/> renders the entry template.
/// </summary>
internal sealed class GoTemplate
{
    readonly Dictionary<string, TemplateDefinition> _templates;

    GoTemplate(string name, TemplateMode mode, Dictionary<string, TemplateDefinition> templates)
    {
        Name = name;
        Mode = mode;
        _templates = templates;
    }

    /// <summary>The entry template's name.</summary>
    public string Name { get; }

    public TemplateMode Mode { get; }

    /// <exception cref="TemplateException">The text does not parse; the message names the template and the line.</exception>
    public static GoTemplate Parse(string name, string text, TemplateMode mode = TemplateMode.Text) =>
        ParseFiles([new KeyValuePair<string, string>(name, text)], name, mode);

    /// <summary>
    /// Parses each (file name, text) pair as a template named after the file, in order; later files redefine earlier
    /// templates, except that an empty definition never replaces a non-empty one (Go's rule).
    /// </summary>
    public static GoTemplate ParseFiles(IEnumerable<KeyValuePair<string, string>> files, string entry, TemplateMode mode = TemplateMode.Text)
    {
        var templates = new Dictionary<string, TemplateDefinition>(StringComparer.Ordinal);
        foreach (var (fileName, text) in files)
        {
            foreach (var (name, tree) in Parser.Parse(fileName, text))
            {
                if (templates.TryGetValue(name, out var existing) && Parser.IsEmpty(tree) && !Parser.IsEmpty(existing.Tree))
                {
                    continue;
                }

                templates[name] = new TemplateDefinition(name, tree, fileName, text);
            }
        }

        if (!templates.ContainsKey(entry))
        {
            throw new TemplateException($"template: no template {GoQuote.Quote(entry)} associated with the parsed files", entry, 0, isParseError: true);
        }

        return new GoTemplate(entry, mode, templates);
    }

    public IEnumerable<string> TemplateNames => _templates.Keys;

    internal TemplateDefinition? Find(string name) => _templates.GetValueOrDefault(name);

    /// <summary>
    /// Renders the entry template. <paramref name="data"/> is a <see cref="System.Text.Json.Nodes.JsonNode"/> (converted
    /// as Go's encoding/json would fill an interface{}) or a value of the model (<see cref="GoStruct"/>, <see cref="GoMap"/>…).
    /// </summary>
    /// <exception cref="TemplateException">Execution failed (unknown field of a struct, wrong argument type…).</exception>
    public string Execute(object? data, TimeProvider? time = null) => ExecuteTemplate(Name, data, time);

    public string ExecuteTemplate(string name, object? data, TimeProvider? time = null)
    {
        var definition = Find(name)
            ?? throw new TemplateException($"template: no template {GoQuote.Quote(name)} associated with template {GoQuote.Quote(Name)}", name, 0, isParseError: false);
        return Executor.Run(this, definition, GoValues.FromData(data), time ?? TimeProvider.System);
    }
}
