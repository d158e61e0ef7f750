using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Hosting;

namespace Tessera.Courier;

/// <summary>
/// A courier <c>request_config</c> (<c>courier.http.request_config</c>, <c>courier.channels[].request_config</c>): where
/// and how a message is posted. Only Kratos's default body is produced; a custom Jsonnet body is refused at start-up.
/// </summary>
internal sealed record CourierRequestOptions
{
    /// <summary>
    /// Kratos's default body template, base64 of the Jsonnet that yields
    /// <c>{recipient, template_type, to, recovery_code, recovery_url, verification_url, verification_code, subject, body}</c>;
    /// naming it explicitly is the same as leaving <c>body</c> out.
    /// </summary>
    public const string DefaultBody =
        "base64://ZnVuY3Rpb24oY3R4KSB7CiAgcmVjaXBpZW50OiBjdHgucmVjaXBpZW50LAogIHRlbXBsYXRlX3R5cGU6IGN0eC50ZW1wbGF0ZV90eXBlLAogIHRvOiBpZiAidGVtcGxhdGVfZGF0YSIgaW4gY3R4ICYmICJ0byIgaW4gY3R4LnRlbXBsYXRlX2RhdGEgdGhlbiBjdHgudGVtcGxhdGVfZGF0YS50byBlbHNlIG51bGwsCiAgcmVjb3ZlcnlfY29kZTogaWYgInRlbXBsYXRlX2RhdGEiIGluIGN0eCAmJiAicmVjb3ZlcnlfY29kZSIgaW4gY3R4LnRlbXBsYXRlX2RhdGEgdGhlbiBjdHgudGVtcGxhdGVfZGF0YS5yZWNvdmVyeV9jb2RlIGVsc2UgbnVsbCwKICByZWNvdmVyeV91cmw6IGlmICJ0ZW1wbGF0ZV9kYXRhIiBpbiBjdHggJiYgInJlY292ZXJ5X3VybCIgaW4gY3R4LnRlbXBsYXRlX2RhdGEgdGhlbiBjdHgudGVtcGxhdGVfZGF0YS5yZWNvdmVyeV91cmwgZWxzZSBudWxsLAogIHZlcmlmaWNhdGlvbl91cmw6IGlmICJ0ZW1wbGF0ZV9kYXRhIiBpbiBjdHggJiYgInZlcmlmaWNhdGlvbl91cmwiIGluIGN0eC50ZW1wbGF0ZV9kYXRhIHRoZW4gY3R4LnRlbXBsYXRlX2RhdGEudmVyaWZpY2F0aW9uX3VybCBlbHNlIG51bGwsCiAgdmVyaWZpY2F0aW9uX2NvZGU6IGlmICJ0ZW1wbGF0ZV9kYXRhIiBpbiBjdHggJiYgInZlcmlmaWNhdGlvbl9jb2RlIiBpbiBjdHgudGVtcGxhdGVfZGF0YSB0aGVuIGN0eC50ZW1wbGF0ZV9kYXRhLnZlcmlmaWNhdGlvbl9jb2RlIGVsc2UgbnVsbCwKICBzdWJqZWN0OiBjdHguc3ViamVjdCwKICBib2R5OiBjdHguYm9keQp9Cg==";

    public required Uri Url { get; init; }

    public string Method { get; init; } = "POST";

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary><c>auth.type: api_key</c>: a header or cookie name and value.</summary>
    public (string Name, string Value, bool InCookie)? ApiKey { get; init; }

    /// <summary><c>auth.type: basic_auth</c>.</summary>
    public (string User, string Password)? BasicAuth { get; init; }

    /// <summary>Reads the request config at <paramref name="path"/>; null when there is none.</summary>
    public static CourierRequestOptions? From(JsonNode? root, string path)
    {
        if (ConfigNode.At(root, path) is not JsonObject section)
        {
            return null;
        }

        var body = ConfigNode.String(section, "body");
        if (!string.IsNullOrEmpty(body) && body != DefaultBody)
        {
            throw new StartupException(
                $"{path}.body: Tessera cannot evaluate Jsonnet body templates yet; remove the key to send Kratos's default JSON body "
                + "{recipient, template_type, to, recovery_code, recovery_url, verification_url, verification_code, subject, body}");
        }

        var urlText = ConfigNode.String(section, "url");
        if (string.IsNullOrEmpty(urlText))
        {
            throw new StartupException($"{path}.url: is required to send messages over HTTP");
        }

        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new StartupException($"{path}.url: \"{urlText}\" is not an http(s) URL");
        }

        var method = ConfigNode.String(section, "method");
        method = string.IsNullOrEmpty(method) ? "POST" : method.ToUpperInvariant();
        if (method.Any(c => !char.IsAsciiLetterUpper(c)))
        {
            throw new StartupException($"{path}.method: \"{method}\" is not an HTTP method");
        }

        var headers = new List<KeyValuePair<string, string>>();
        if (section["headers"] is JsonObject map)
        {
            foreach (var (name, value) in map)
            {
                headers.Add(new(name, value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? ""));
            }
        }

        var contentType = headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        if (contentType is not null && !IsForm(contentType) && !MediaType(contentType).Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new StartupException($"{path}.headers.Content-Type: \"{contentType}\" cannot carry the body; use application/json or application/x-www-form-urlencoded");
        }

        var options = new CourierRequestOptions { Url = url, Method = method, Headers = headers };
        var authType = ConfigNode.String(section, "auth.type");
        return authType switch
        {
            null or "" => options,
            "api_key" => options with
            {
                ApiKey = (ConfigNode.String(section, "auth.config.name") ?? "", ConfigNode.String(section, "auth.config.value") ?? "",
                    ConfigNode.String(section, "auth.config.in") == "cookie"),
            },
            "basic_auth" => options with
            {
                BasicAuth = (ConfigNode.String(section, "auth.config.user") ?? "", ConfigNode.String(section, "auth.config.password") ?? ""),
            },
            _ => throw new StartupException($"{path}.auth.type: \"{authType}\" is not api_key or basic_auth"),
        };
    }

    /// <summary>Whether a Content-Type asks for the body as form fields rather than JSON.</summary>
    public static bool IsForm(string? contentType) =>
        contentType is not null && MediaType(contentType).Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    static string MediaType(string contentType) => contentType.Split(';')[0].Trim();
}
