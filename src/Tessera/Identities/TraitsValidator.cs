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

    static void Collect(EvaluationResults results, List<TraitError> errors)
    {
        if (results.Errors is { Count: > 0 })
        {
            foreach (var (keyword, message) in results.Errors)
            {
                errors.Add(new TraitError("#" + results.InstanceLocation, "#" + results.EvaluationPath, keyword, message));
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
