using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Hosting;
using Tessera.Requests;

namespace Tessera.Courier;

/// <summary>
/// Reads a courier <c>request_config</c> (<c>courier.http.request_config</c>, <c>courier.channels[].request_config</c>): where
/// and how a message is posted (<see cref="RequestOptions"/>). Without <c>body</c> (or with Kratos's default named) the
/// built-in default body is sent; a custom Jsonnet <c>body</c> is loaded by <see cref="CourierBodies"/>.
/// </summary>
internal static class CourierRequestOptions
{
    /// <summary>
    /// Kratos's default body template, base64 of the Jsonnet that yields
    /// <c>{recipient, template_type, to, recovery_code, recovery_url, verification_url, verification_code, subject, body}</c>;
    /// naming it explicitly is the same as leaving <c>body</c> out.
    /// </summary>
    public const string DefaultBody =
        "base64://ZnVuY3Rpb24oY3R4KSB7CiAgcmVjaXBpZW50OiBjdHgucmVjaXBpZW50LAogIHRlbXBsYXRlX3R5cGU6IGN0eC50ZW1wbGF0ZV90eXBlLAogIHRvOiBpZiAidGVtcGxhdGVfZGF0YSIgaW4gY3R4ICYmICJ0byIgaW4gY3R4LnRlbXBsYXRlX2RhdGEgdGhlbiBjdHgudGVtcGxhdGVfZGF0YS50byBlbHNlIG51bGwsCiAgcmVjb3ZlcnlfY29kZTogaWYgInRlbXBsYXRlX2RhdGEiIGluIGN0eCAmJiAicmVjb3ZlcnlfY29kZSIgaW4gY3R4LnRlbXBsYXRlX2RhdGEgdGhlbiBjdHgudGVtcGxhdGVfZGF0YS5yZWNvdmVyeV9jb2RlIGVsc2UgbnVsbCwKICByZWNvdmVyeV91cmw6IGlmICJ0ZW1wbGF0ZV9kYXRhIiBpbiBjdHggJiYgInJlY292ZXJ5X3VybCIgaW4gY3R4LnRlbXBsYXRlX2RhdGEgdGhlbiBjdHgudGVtcGxhdGVfZGF0YS5yZWNvdmVyeV91cmwgZWxzZSBudWxsLAogIHZlcmlmaWNhdGlvbl91cmw6IGlmICJ0ZW1wbGF0ZV9kYXRhIiBpbiBjdHggJiYgInZlcmlmaWNhdGlvbl91cmwiIGluIGN0eC50ZW1wbGF0ZV9kYXRhIHRoZW4gY3R4LnRlbXBsYXRlX2RhdGEudmVyaWZpY2F0aW9uX3VybCBlbHNlIG51bGwsCiAgdmVyaWZpY2F0aW9uX2NvZGU6IGlmICJ0ZW1wbGF0ZV9kYXRhIiBpbiBjdHggJiYgInZlcmlmaWNhdGlvbl9jb2RlIiBpbiBjdHgudGVtcGxhdGVfZGF0YSB0aGVuIGN0eC50ZW1wbGF0ZV9kYXRhLnZlcmlmaWNhdGlvbl9jb2RlIGVsc2UgbnVsbCwKICBzdWJqZWN0OiBjdHguc3ViamVjdCwKICBib2R5OiBjdHguYm9keQp9Cg==";

    /// <summary>Reads the request config at <paramref name="path"/>; null when there is none.</summary>
    /// <exception cref="StartupException">A key is wrong.</exception>
    public static RequestOptions? From(JsonNode? root, string path)
    {
        if (ConfigNode.At(root, path) is not JsonObject section)
        {
            return null;
        }

        var options = RequestOptions.Read(section, path);
        options.RequireBodyContentType(path);
        // Kratos's own default, named explicitly, is the built-in body.
        return options.Body == DefaultBody ? options with { Body = null } : options;
    }
}
