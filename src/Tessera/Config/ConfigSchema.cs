using System.Text.Json.Nodes;
using Json.Schema;

namespace Tessera.Config;

/// <summary>
/// Kratos's <c>config.schema.json</c> and the tracing schema it references, read once from the assembly. The raw
/// documents serve the key tree (environment overrides, error messages); the built schema serves validation.
/// </summary>
internal sealed class ConfigSchema
{
    public const string ConfigResource = "config.schema.json";
    public const string TracingResource = "tracing-config.schema.json";
    public static readonly Uri TracingId = new("ory://tracing-config");

    private static readonly Lazy<ConfigSchema> Shared = new(Create);

    private ConfigSchema(JsonObject config, JsonObject tracing, JsonSchema schema)
    {
        Config = config;
        Tracing = tracing;
        Schema = schema;
    }

    public static ConfigSchema Instance => Shared.Value;

    /// <summary>The raw config schema document.</summary>
    public JsonObject Config { get; }

    /// <summary>The raw tracing schema document, reachable from <see cref="Config"/> as <c>ory://tracing-config</c>.</summary>
    public JsonObject Tracing { get; }

    public JsonSchema Schema { get; }

    /// <summary>The raw document a schema location (<c>base#/pointer</c>) belongs to.</summary>
    public JsonObject Document(string location) =>
        location.StartsWith(TracingId.OriginalString, StringComparison.Ordinal) ? Tracing : Config;

    /// <summary>Follows a <c>$ref</c> found in <paramref name="document"/>; returns the target and its document.</summary>
    public (JsonObject Schema, JsonObject Document)? Resolve(string reference, JsonObject document)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var target = hash switch
        {
            0 => document,
            < 0 => Document(reference),
            _ => Document(reference[..hash]),
        };
        JsonNode? node = target;
        foreach (var segment in SplitPointer(hash < 0 ? "" : reference[(hash + 1)..]))
        {
            node = Step(node, segment);
        }

        return node is JsonObject resolved ? (resolved, target) : null;
    }

    /// <summary>
    /// The schema object an evaluation path (<c>/properties/a/$ref/properties/b</c>) ends at, following each
    /// <c>$ref</c> on the way; null when the path leaves the documents.
    /// </summary>
    public JsonObject? AtEvaluationPath(string evaluationPath)
    {
        JsonNode? node = Config;
        var document = Config;
        foreach (var segment in SplitPointer(evaluationPath))
        {
            if (segment == "$ref" && node is JsonObject withRef && withRef["$ref"]?.GetValue<string>() is { } reference)
            {
                if (Resolve(reference, document) is not { } target)
                {
                    return null;
                }

                (node, document) = target;
                continue;
            }

            node = Step(node, segment);
        }

        return node as JsonObject;
    }

    /// <summary>The unescaped segments of a JSON pointer (RFC 6901), percent-decoded as in URI fragments.</summary>
    public static IEnumerable<string> SplitPointer(string pointer) =>
        pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(segment =>
            Uri.UnescapeDataString(segment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));

    private static JsonNode? Step(JsonNode? node, string segment) => node switch
    {
        JsonObject obj => obj[segment],
        JsonArray array when int.TryParse(segment, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
        _ => null,
    };

    private static ConfigSchema Create()
    {
        var configText = ReadResource(ConfigResource);
        var tracingText = ReadResource(TracingResource);

        // A private registry, so the built schemas never leak into (or collide in) the global one.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        JsonSchema.FromText(tracingText, options, TracingId);
        var schema = JsonSchema.FromText(configText, options);

        var config = JsonNode.Parse(configText)!.AsObject();
        var tracing = JsonNode.Parse(tracingText)!.AsObject();
        return new ConfigSchema(config, tracing, schema);
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(ConfigSchema).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
