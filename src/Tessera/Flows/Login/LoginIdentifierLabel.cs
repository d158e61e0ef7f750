using System.Text.Json;
using Tessera.Schemas;
using Tessera.Text;

namespace Tessera.Flows.Login;

/// <summary>
/// The label of a login flow's <c>identifier</c> input, which several methods add (Kratos's
/// <c>GetIdentifierLabelFromSchema</c>): the schema title when exactly one trait is an identifier, else "ID" (1070004).
/// </summary>
internal static class LoginIdentifierLabel
{
    public static UiText For(IdentitySchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var identifiers = schema.Extensions.Where(e => e.Extension.PasswordIdentifier || e.Extension.WebAuthnIdentifier
            || e.Extension.CodeIdentifier || e.Extension.PasskeyDisplayName || e.Extension.TotpAccountName).ToList();
        if (identifiers.Count == 1 && Title(schema, identifiers[0].Path) is { } title)
        {
            return Messages.LabelGenerated(title, "traits." + string.Join('.', identifiers[0].Path));
        }

        return Messages.LabelId();
    }

    static string? Title(IdentitySchema schema, IReadOnlyList<string> path)
    {
        var node = SchemaWalker.TraitsSchema(schema.Document);
        foreach (var segment in path)
        {
            if (segment == "*")
            {
                node = node.TryGetProperty("items", out var items) ? SchemaWalker.Resolve(schema.Document, items) : default;
            }
            else if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty("properties", out var props) && props.TryGetProperty(segment, out var child))
            {
                node = SchemaWalker.Resolve(schema.Document, child);
            }
            else
            {
                return null;
            }
        }

        return node.ValueKind == JsonValueKind.Object && node.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
    }
}
