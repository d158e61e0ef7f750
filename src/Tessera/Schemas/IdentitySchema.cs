using System.Text;
using System.Text.Json;
using Json.Schema;

namespace Tessera.Schemas;

/// <summary>One configured identity schema: its raw document, the compiled validator and the traits the extension marks.</summary>
internal sealed class IdentitySchema
{
    public IdentitySchema(string id, string url, bool selfserviceSelectable, string text)
    {
        Id = id;
        Url = url;
        SelfserviceSelectable = selfserviceSelectable;
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        Document = document.RootElement.Clone();
        // A private registry per schema: two schemas (or two test servers) may share an $id without clashing.
        Compiled = JsonSchema.Build(Document, new BuildOptions { SchemaRegistry = new global::Json.Schema.SchemaRegistry() });
        Extensions = SchemaWalker.FindExtensions(Document);
        EncodedId = Base64UrlEncode(id);
    }

    public string Id { get; }

    public string Url { get; }

    /// <summary>Unpadded base64url of the id: the last segment of <c>schema_url</c>.</summary>
    public string EncodedId { get; }

    public bool SelfserviceSelectable { get; }

    public JsonElement Document { get; }

    public JsonSchema Compiled { get; }

    public IReadOnlyList<TraitExtension> Extensions { get; }

    public static string Base64UrlEncode(string value) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string? Base64UrlDecode(string value)
    {
        try
        {
            var padded = value.Replace('-', '+').Replace('_', '/');
            padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
            return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
