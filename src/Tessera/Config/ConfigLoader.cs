using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;

namespace Tessera.Config;

/// <summary>
/// Reads Kratos config files into one JSON tree: each file (YAML, or JSON by extension) is read, the files are
/// merged in order (later wins), environment overrides are applied, and the result is validated against
/// Kratos's <c>config.schema.json</c>.
/// </summary>
internal static class ConfigLoader
{
    /// <param name="defaults">a tree the files are merged onto (the built-in quick-start config of <c>serve --dev</c>).</param>
    public static ConfigLoadResult Load(IReadOnlyList<string> files, IEnumerable<KeyValuePair<string, string>> environment, JsonObject? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(environment);

        var config = defaults is null ? new JsonObject() : (JsonObject)defaults.DeepClone();
        var errors = new List<ConfigError>();
        foreach (var file in files)
        {
            if (ReadFile(file, errors) is { } content)
            {
                ConfigMerge.Into(config, content);
            }
        }

        // A file that could not be read would otherwise show up as a misleading list of missing keys.
        if (errors.Count > 0)
        {
            return new ConfigLoadResult(config, errors);
        }

        EnvironmentOverrides.Apply(config, environment);
        errors.AddRange(ConfigValidator.Validate(config));
        return new ConfigLoadResult(config, errors);
    }

    /// <summary>Parses config text; <paramref name="json"/> picks JSON over YAML.</summary>
    internal static JsonObject Parse(string text, bool json)
    {
        var node = json
            ? JsonNode.Parse(text)
            : YamlConfigReader.Read(text);
        return node switch
        {
            JsonObject obj => obj,
            null => [],
            _ => throw new FormatException("the document must be a mapping of keys to values"),
        };
    }

    private static JsonObject? ReadFile(string file, List<ConfigError> errors)
    {
        var extension = Path.GetExtension(file).ToLowerInvariant();
        if (extension == ".toml")
        {
            errors.Add(new ConfigError(file, "TOML config files are not supported; use YAML or JSON"));
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new ConfigError(file, $"cannot read the config file: {e.Message}"));
            return null;
        }

        try
        {
            return Parse(text, extension == ".json");
        }
        catch (YamlException e)
        {
            errors.Add(new ConfigError(file, $"invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}"));
        }
        catch (JsonException e)
        {
            errors.Add(new ConfigError(file, $"invalid JSON at line {e.LineNumber + 1}: {e.Message}"));
        }
        catch (FormatException e)
        {
            errors.Add(new ConfigError(file, e.Message));
        }

        return null;
    }
}
