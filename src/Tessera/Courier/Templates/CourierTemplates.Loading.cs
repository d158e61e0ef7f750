using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Courier.Templates.GoText;
using Tessera.Hosting;
using Tessera.Requests;

namespace Tessera.Courier.Templates;

internal sealed partial class CourierTemplates
{
    /// <summary>
    /// Loads the set from <c>courier.templates</c> and <c>courier.template_override_path</c>. Every template is read and
    /// parsed now, http(s) ones included, so a broken template stops start-up instead of failing a message later.
    /// </summary>
    /// <exception cref="StartupException">A template cannot be read or does not parse; the message names its key or file.</exception>
    public static Task<CourierTemplates> LoadAsync(TesseraConfig config, HttpClient http, TimeProvider time, Action<string> warn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(config);
        return LoadAsync(config.Root, config.ConfigDirectory, http, time, warn, ct);
    }

    /// <inheritdoc cref="LoadAsync(TesseraConfig, HttpClient, TimeProvider, Action{string}, CancellationToken)"/>
    public static async Task<CourierTemplates> LoadAsync(
        JsonNode? root, string? configDirectory, HttpClient http, TimeProvider time, Action<string> warn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(warn);
        var overrideRoot = OverrideRoot(ConfigNode.String(root, "courier.template_override_path"), configDirectory, warn);
        var templates = new Dictionary<(TemplateType, TemplatePart), LoadedTemplate>();
        foreach (var layout in TemplateLayout.All.Where(l => l.Type != TemplateType.Stub))
        {
            foreach (var part in PartsOf(layout))
            {
                var key = $"courier.templates.{layout.ConfigKey}.{TemplateLayout.ConfigSuffix(part)}";
                var url = ConfigNode.String(root, key);
                var folderFile = overrideRoot is null ? null : Path.Combine(overrideRoot, layout.Folder, TemplateLayout.FileName(part));
                if (!string.IsNullOrEmpty(url))
                {
                    var text = await TemplateSource.ReadAsync(key, url, configDirectory, http, ct).ConfigureAwait(false);
                    var template = ParseOrStop(() => GoTemplate.Parse(key, text, ModeOf(part)), $"{key}: the template at {TemplateSource.Shorten(url)}");
                    templates[(layout.Type, part)] = new LoadedTemplate(template, $"{key} ({TemplateSource.Shorten(url)})");
                }
                else if (folderFile is not null && File.Exists(folderFile))
                {
                    templates[(layout.Type, part)] = new LoadedTemplate(ParseFolder(folderFile, part, ct), folderFile);
                }
                else
                {
                    // A file missing from the override folder falls back to the built-in one, as in Kratos.
                    templates[(layout.Type, part)] = BuiltIn._templates[(layout.Type, part)];
                }
            }
        }

        return new CourierTemplates(templates, time);
    }

    /// <summary>
    /// Kratos parses the glob "&lt;file stem&gt;*" of the folder (email.body* for email.body.gotmpl), so the entry file can
    /// call templates defined in its siblings, such as email.body.html.en_US.gotmpl for localisation.
    /// </summary>
    static GoTemplate ParseFolder(string entryPath, TemplatePart part, CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(entryPath)!;
        var entry = Path.GetFileName(entryPath);
        var stem = entry[..^".gotmpl".Length];
        var files = Directory.EnumerateFiles(folder, stem + "*")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                ct.ThrowIfCancellationRequested();
                return new KeyValuePair<string, string>(name!, File.ReadAllText(Path.Combine(folder, name!)));
            })
            .ToList();
        return ParseOrStop(() => GoTemplate.ParseFiles(files, entry, ModeOf(part)), $"courier.template_override_path: {entryPath}");
    }

    static GoTemplate ParseOrStop(Func<GoTemplate> parse, string what)
    {
        try
        {
            return parse();
        }
        catch (TemplateException e)
        {
            throw new StartupException($"{what} does not parse: {e.Message}");
        }
    }

    /// <summary>The override folder: as given (Kratos reads it relative to the working directory), else next to the config file.</summary>
    static string? OverrideRoot(string? path, string? configDirectory, Action<string> warn)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        if (Directory.Exists(path))
        {
            return path;
        }

        if (!Path.IsPathRooted(path) && configDirectory is not null && Directory.Exists(Path.Combine(configDirectory, path)))
        {
            return Path.Combine(configDirectory, path);
        }

        // Kratos does not fail either: every template then comes from the built-in set.
        warn($"courier.template_override_path: the folder {path} does not exist; using the built-in templates");
        return null;
    }
}
