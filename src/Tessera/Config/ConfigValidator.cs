using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Tessera.Config;

/// <summary>
/// Validates a config tree against Kratos's schema and words the failures for an operator: the dotted key and
/// what is wrong with it. Failures of <c>if</c> conditions, <c>not</c> subschemas and <c>anyOf</c>/<c>oneOf</c>
/// branches that another branch satisfied are not errors and are skipped; when every branch failed, only the
/// branch that got furthest into the value is reported.
/// </summary>
internal static class ConfigValidator
{
    private const string Root = "(root)";

    private static readonly EvaluationOptions Options = new()
    {
        OutputFormat = OutputFormat.Hierarchical,
        // Kratos's validator asserts "format" (uri, email, ...) for this draft-07 schema, so Tessera does too.
        RequireFormatValidation = true,
    };

    private sealed record Failure(string[] Instance, string Keyword, string EvaluationPath, string LibraryMessage);

    public static IReadOnlyList<ConfigError> Validate(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Schemas.KratosFormats.EnsureRegistered();
        using var document = JsonDocument.Parse(config.ToJsonString());
        var results = ConfigSchema.Instance.Schema.Evaluate(document.RootElement, Options);
        if (results.IsValid)
        {
            return [];
        }

        var failures = new List<Failure>();
        Collect(results, failures);
        return Describe(failures, config);
    }

    private static void Collect(EvaluationResults node, List<Failure> failures)
    {
        if (node.IsValid)
        {
            return;
        }

        var instance = ConfigSchema.SplitPointer(node.InstanceLocation.ToString()).ToArray();
        var path = node.EvaluationPath.ToString();
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            failures.Add(new Failure(instance, keyword, path, message));
        }

        var branches = new List<EvaluationResults>();
        foreach (var child in node.Details ?? [])
        {
            switch (LastKeyword(child.EvaluationPath.ToString()))
            {
                case "if" or "not":
                    continue;
                case "anyOf" or "oneOf":
                    branches.Add(child);
                    break;
                default:
                    Collect(child, failures);
                    break;
            }
        }

        if (branches.Count > 0 && branches.TrueForAll(b => !b.IsValid))
        {
            failures.AddRange(BestBranch(branches));
        }
    }

    // The branch whose failures sit deepest in the value is the one the author most likely meant.
    private static List<Failure> BestBranch(List<EvaluationResults> branches)
    {
        var candidates = branches.Select(b =>
        {
            var list = new List<Failure>();
            Collect(b, list);
            return list;
        }).Where(l => l.Count > 0).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var depth = candidates.Max(l => l.Max(f => f.Instance.Length));
        var deepest = candidates.Where(l => l.Max(f => f.Instance.Length) == depth).ToList();

        // Alternatives that all disagree on one value (a hook name, a cipher) read best as one list of choices.
        var atDepth = deepest.SelectMany(l => l.Where(f => f.Instance.Length == depth)).ToList();
        if (atDepth.TrueForAll(f => f.Keyword is "const" or "enum" && f.Instance.SequenceEqual(atDepth[0].Instance)))
        {
            return atDepth;
        }

        return deepest.OrderBy(l => l.Count).First();
    }

    // "/properties/a/anyOf/2" → "anyOf"; "/allOf/1/if" → "if".
    private static string LastKeyword(string evaluationPath)
    {
        var segments = evaluationPath.Split('/');
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            if (!int.TryParse(segments[i], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return segments[i];
            }
        }

        return "";
    }

    private static List<ConfigError> Describe(List<Failure> failures, JsonObject config)
    {
        var errors = new List<ConfigError>();
        var choices = new Dictionary<string, (List<string> Allowed, JsonNode? Value)>(StringComparer.Ordinal);
        foreach (var failure in failures)
        {
            var key = failure.Instance.Length == 0 ? Root : string.Join('.', failure.Instance);
            var value = ValueAt(config, failure.Instance);
            var schema = ConfigSchema.Instance.AtEvaluationPath(failure.EvaluationPath);
            var keywordValue = schema?[failure.Keyword];
            if (failure.Keyword is "const" or "enum" && keywordValue is not null)
            {
                var allowed = keywordValue is JsonArray list ? list.Select(Render) : [Render(keywordValue)];
                if (!choices.TryGetValue(key, out var entry))
                {
                    choices[key] = entry = ([], value);
                    errors.Add(new ConfigError(key, ""));
                }

                entry.Allowed.AddRange(allowed.Where(a => !entry.Allowed.Contains(a)));
                continue;
            }

            errors.Add(new ConfigError(key, Message(failure, keywordValue, value)));
        }

        return [.. errors
            .Select(e => e.Message.Length == 0 && choices.TryGetValue(e.Key, out var c)
                ? e with { Message = c.Allowed.Count == 1
                    ? $"expected {c.Allowed[0]}, got {Render(c.Value)}"
                    : $"expected one of {string.Join(", ", c.Allowed)}; got {Render(c.Value)}" }
                : e)
            .Distinct()
            .OrderBy(e => e.Key, StringComparer.Ordinal)];
    }

    private static string Message(Failure failure, JsonNode? keywordValue, JsonNode? value) => failure.Keyword switch
    {
        // A key that "additionalProperties: false" rejects shows up as a failed "false" schema at that key.
        _ when LastKeyword(failure.EvaluationPath) is "additionalProperties" or "patternProperties" =>
            "unknown key: the Kratos config schema does not allow it here",
        "required" when keywordValue is JsonArray required && value is JsonObject obj =>
            "missing required keys: " + string.Join(", ", required
                .Select(r => r!.GetValue<string>()).Where(r => !obj.ContainsKey(r)).Order(StringComparer.Ordinal)),
        "type" => $"expected {TypeNames(keywordValue)}, got {KindOf(value)}{Sample(value)}",
        "pattern" => $"{Render(value)} does not match the pattern {keywordValue}",
        "format" => $"{Render(value)} is not a valid {keywordValue}",
        "minimum" => $"must be at least {keywordValue}, got {Render(value)}",
        "maximum" => $"must be at most {keywordValue}, got {Render(value)}",
        "exclusiveMinimum" => $"must be greater than {keywordValue}, got {Render(value)}",
        "exclusiveMaximum" => $"must be less than {keywordValue}, got {Render(value)}",
        "minLength" => $"must be at least {keywordValue} characters long",
        "maxLength" => $"must be at most {keywordValue} characters long",
        "minItems" => $"must have at least {keywordValue} entries",
        "maxItems" => $"must have at most {keywordValue} entries",
        "uniqueItems" => "entries must be unique",
        _ => failure.LibraryMessage,
    };

    private static string TypeNames(JsonNode? type) => type switch
    {
        JsonArray list => string.Join(" or ", list.Select(t => t!.GetValue<string>())),
        JsonValue single => single.GetValue<string>(),
        _ => "another type",
    };

    private static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
    };

    private static string Sample(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() != JsonValueKind.Null ? " " + Render(value) : "";

    private static string Render(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => value.ToJsonString(),
    };

    private static JsonNode? ValueAt(JsonObject config, string[] instance)
    {
        JsonNode? node = config;
        foreach (var segment in instance)
        {
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                    && i < array.Count => array[i],
                _ => null,
            };
        }

        return node;
    }
}
