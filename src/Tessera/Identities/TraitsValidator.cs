using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Tessera.Schemas;

namespace Tessera.Identities;

/// <summary>Validates traits against their identity schema as Kratos does: the document <c>{"traits": …}</c>, formats enforced.</summary>
internal static class TraitsValidator
{
    // Valid traits are the common case (a bulk import is nothing else): they are checked with the flag output, which
    // stops at the first failure and collects nothing; only invalid ones are evaluated again for the full error list.
    static readonly EvaluationOptions Quick = CreateOptions(OutputFormat.Flag);
    static readonly EvaluationOptions Options = CreateOptions(OutputFormat.List);

    static EvaluationOptions CreateOptions(OutputFormat format)
    {
        KratosFormats.EnsureRegistered();
        return new EvaluationOptions { OutputFormat = format, RequireFormatValidation = true };
    }

    public static IReadOnlyList<TraitError> Validate(IdentitySchema schema, JsonObject traits)
    {
        using var document = JsonDocument.Parse("{\"traits\":" + traits.ToJsonString() + "}");
        if (schema.Compiled.Evaluate(document.RootElement, Quick).IsValid)
        {
            return [];
        }

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
