using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Courier.Templates;
using Tessera.Hosting;
using Tessera.Jsonnet;

namespace Tessera.Courier;

/// <summary>
/// A courier <c>request_config</c> (<c>courier.http.request_config</c>, <c>courier.channels[].request_config</c>): where
/// and how a message is posted. The body is a Jsonnet template (Kratos's default one unless <c>body</c> names another),
/// read and parsed at start-up so a broken template stops the server instead of failing messages later.
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

    /// <summary>The body template: a function of <c>ctx</c> (recipient, subject, body, template_type, template_data, message_type).</summary>
    public required JsonnetProgram Body { get; init; }

    public string Method { get; init; } = "POST";

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary><c>auth.type: api_key</c>: a header or cookie name and value.</summary>
    public (string Name, string Value, bool InCookie)? ApiKey { get; init; }

    /// <summary><c>auth.type: basic_auth</c>.</summary>
    public (string User, string Password)? BasicAuth { get; init; }

    /// <summary>Reads the request config at <paramref name="path"/> and its body template; null when there is no such section.</summary>
    /// <exception cref="StartupException">A key is invalid, or the body cannot be read or does not parse; the message names the key.</exception>
    public static async Task<CourierRequestOptions?> LoadAsync(JsonNode? root, string path, string? configDirectory, HttpClient http, CancellationToken ct)
    {
        if (ConfigNode.At(root, path) is not JsonObject section)
        {
            return null;
        }

        // The body is read by the same loader as the courier templates: file://, base64:// or http(s)://.
        var bodyKey = path + ".body";
        var bodyUrl = ConfigNode.String(section, "body");
        bodyUrl = string.IsNullOrEmpty(bodyUrl) ? DefaultBody : bodyUrl;
        var bodySource = await TemplateSource.ReadAsync(bodyKey, bodyUrl, configDirectory, http, ct).ConfigureAwait(false);
        JsonnetProgram body;
        try
        {
            body = JsonnetProgram.Parse(bodySource, bodyKey);
        }
        catch (JsonnetException e)
        {
            throw new StartupException($"{bodyKey}: the Jsonnet template at {TemplateSource.Shorten(bodyUrl)} does not parse: {e.Message}");
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

        var options = new CourierRequestOptions { Url = url, Method = method, Headers = headers, Body = body };
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
