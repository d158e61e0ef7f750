using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Tessera.Schemas;

namespace Tessera.Identities;

/// <summary>Validates traits against their identity schema as Kratos does: the document <c>{"traits": …}</c>, formats enforced.</summary>
internal static class TraitsValidator
{
    static readonly EvaluationOptions Options = CreateOptions();

    static EvaluationOptions CreateOptions()
    {
        KratosFormats.EnsureRegistered();
        return new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
    }

    public static IReadOnlyList<TraitError> Validate(IdentitySchema schema, JsonObject traits)
    {
        var wrapper = new JsonObject { ["traits"] = traits.DeepClone() };
        using var document = JsonDocument.Parse(wrapper.ToJsonString());
        var results = schema.Compiled.Evaluate(document.RootElement, Options);
        if (results.IsValid)
        {
            return [];
        }

        var errors = new List<TraitError>();
        Collect(results, errors);
        if (errors.Count == 0)
        {
            errors.Add(new TraitError("#", "#", "", "the traits do not match the identity schema"));
        }

        return errors;
    }

    /// <summary>Words an error as Kratos's validator does where the library's wording says less (a refused extra property).</summary>
    static TraitError Describe(string instance, string schemaPath, string keyword, string message)
    {
        if (keyword.Length == 0 && schemaPath.EndsWith("/additionalProperties", StringComparison.Ordinal))
        {
            var slash = instance.LastIndexOf('/');
            var property = instance[(slash + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            return new TraitError(instance[..slash], schemaPath, "additionalProperties", $"additionalProperties \"{property}\" not allowed");
        }

        return new TraitError(instance, keyword.Length == 0 ? schemaPath : schemaPath + "/" + keyword, keyword, message);
    }

    static void Collect(EvaluationResults results, List<TraitError> errors)
    {
        if (results.Errors is { Count: > 0 })
        {
            foreach (var (keyword, message) in results.Errors)
            {
                errors.Add(Describe("#" + results.InstanceLocation, "#" + results.EvaluationPath, keyword, message));
            }
        }

        if (results.Details is { Count: > 0 })
        {
            foreach (var detail in results.Details)
            {
                Collect(detail, errors);
            }
        }
    }
}
