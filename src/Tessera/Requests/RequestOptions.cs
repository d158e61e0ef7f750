using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Hosting;

namespace Tessera.Requests;

/// <summary>
/// An outgoing HTTP request as Kratos configures one (its <c>request.Config</c>): <c>url</c>, <c>method</c>, <c>headers</c>,
/// <c>auth</c> (<c>api_key</c> in a header or cookie, or <c>basic_auth</c>) and the <c>body</c> template's URL. Courier
/// HTTP channels and web hooks read theirs through here, so both refuse the same mistakes at start-up.
/// </summary>
internal sealed record RequestOptions
{
    public const string Json = "application/json";
    public const string Form = "application/x-www-form-urlencoded";

    public required Uri Url { get; init; }

    public string Method { get; init; } = "POST";

    /// <summary>The configured headers in order, <c>Content-Type</c> among them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary><c>auth.type: api_key</c>: a header or cookie name and value.</summary>
    public (string Name, string Value, bool InCookie)? ApiKey { get; init; }

    /// <summary><c>auth.type: basic_auth</c>.</summary>
    public (string User, string Password)? BasicAuth { get; init; }

    /// <summary><c>body</c>: the URL of the Jsonnet template that makes the body, as configured; null when there is none.</summary>
    public string? Body { get; init; }

    /// <summary>The configured <c>Content-Type</c>, else <c>application/json</c> (Kratos's default).</summary>
    public string ContentType =>
        Headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } configured ? configured : Json;

    /// <summary>Whether the body goes as form fields (a flat map of strings) rather than JSON.</summary>
    public bool IsForm => IsFormType(ContentType);

    /// <summary>Reads the request config in <paramref name="section"/>, found at <paramref name="path"/> (for messages).</summary>
    /// <param name="defaultMethod">the method when none is given; null when <c>method</c> is required.</param>
    /// <exception cref="StartupException">A key is missing or wrong; the message names it.</exception>
    public static RequestOptions Read(JsonObject section, string path, string? defaultMethod = "POST")
    {
        ArgumentNullException.ThrowIfNull(section);
        var urlText = ConfigNode.String(section, "url");
        if (string.IsNullOrEmpty(urlText))
        {
            throw new StartupException($"{path}.url: is required");
        }

        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new StartupException($"{path}.url: \"{urlText}\" is not an http(s) URL");
        }

        var method = ConfigNode.String(section, "method");
        if (string.IsNullOrEmpty(method))
        {
            method = defaultMethod ?? throw new StartupException($"{path}.method: is required");
        }

        method = method.ToUpperInvariant();
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

        var body = ConfigNode.String(section, "body");
        var options = new RequestOptions { Url = url, Method = method, Headers = headers, Body = string.IsNullOrEmpty(body) ? null : body };
        var authType = ConfigNode.String(section, "auth.type");
        return authType switch
        {
            null or "" => options,
            "api_key" => options with
            {
                ApiKey = (Required(section, path, "auth.config.name"), Required(section, path, "auth.config.value"),
                    ConfigNode.String(section, "auth.config.in") == "cookie"),
            },
            "basic_auth" => options with
            {
                BasicAuth = (Required(section, path, "auth.config.user"), Required(section, path, "auth.config.password")),
            },
            _ => throw new StartupException($"{path}.auth.type: \"{authType}\" is not api_key or basic_auth"),
        };
    }

    /// <summary>Refuses a <c>Content-Type</c> that cannot carry a body made from a template (Kratos fails such requests when sent).</summary>
    /// <exception cref="StartupException">It is neither JSON nor form-encoded.</exception>
    public void RequireBodyContentType(string path)
    {
        var contentType = ContentType;
        if (!IsFormType(contentType) && !MediaType(contentType).Equals(Json, StringComparison.OrdinalIgnoreCase))
        {
            throw new StartupException($"{path}.headers.Content-Type: \"{contentType}\" cannot carry the body; use {Json} or {Form}");
        }
    }

    /// <summary>A request to <see cref="Url"/> with the configured headers (all but Content-Type, which goes with the body) and auth.</summary>
    /// <param name="skipped">told the name of a header .NET refuses to send.</param>
    public HttpRequestMessage NewRequest(Action<string>? skipped = null)
    {
        var outgoing = new HttpRequestMessage(new HttpMethod(Method), Url);
        foreach (var (name, value) in Headers)
        {
            if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && !outgoing.Headers.TryAddWithoutValidation(name, value))
            {
                skipped?.Invoke(name);
            }
        }

        if (BasicAuth is { } basic)
        {
            outgoing.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(basic.User + ":" + basic.Password)));
        }

        if (ApiKey is { } key)
        {
            if (key.InCookie)
            {
                // Added to any configured Cookie header, as Go's AddCookie does.
                var existing = outgoing.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : "";
                outgoing.Headers.Remove("Cookie");
                var cookie = key.Name + "=" + key.Value;
                outgoing.Headers.TryAddWithoutValidation("Cookie", existing.Length > 0 ? existing + "; " + cookie : cookie);
            }
            else
            {
                outgoing.Headers.Remove(key.Name);
                outgoing.Headers.TryAddWithoutValidation(key.Name, key.Value);
            }
        }

        return outgoing;
    }

    /// <summary>Whether a Content-Type asks for the body as form fields rather than JSON.</summary>
    public static bool IsFormType(string? contentType) =>
        contentType is not null && MediaType(contentType).Equals(Form, StringComparison.OrdinalIgnoreCase);

    static string MediaType(string contentType) => contentType.Split(';')[0].Trim();

    static string Required(JsonObject section, string path, string key) =>
        ConfigNode.String(section, key) ?? throw new StartupException($"{path}.{key}: is required");
}
