using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Hosting;
using Tessera.Jsonnet;

namespace Tessera.Requests;

/// <summary>
/// A request body made by a Jsonnet template, as Kratos's request builder makes it: the template is read and parsed once
/// at start-up and evaluated per request with the top-level argument <c>ctx</c>. The output goes as JSON, or, for a
/// form-encoded request, as the fields of the flat string map it must be.
/// </summary>
internal sealed class RequestBody
{
    readonly JsonnetProgram _program;

    RequestBody(JsonnetProgram program, string url)
    {
        _program = program;
        Url = url;
    }

    /// <summary>The template's URL as configured (for logs: never its content).</summary>
    public string Url { get; }

    /// <summary>Reads and parses the template at <paramref name="url"/>, named by config key <paramref name="key"/>.</summary>
    /// <exception cref="StartupException">It cannot be read or does not parse.</exception>
    public static async Task<RequestBody> LoadAsync(string key, string url, string? configDirectory, HttpClient http, Action<string> warn,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(warn);
        var location = url;
        if (!url.Contains("://", StringComparison.Ordinal))
        {
            // Kratos still reads a bare path as a file, with a deprecation warning.
            location = "file://" + url;
            warn($"{key}: \"{url}\" has no scheme and is read as {location}; write it that way, as bare paths are deprecated");
        }

        var source = await TemplateSource.ReadAsync(key, location, configDirectory, http, ct).ConfigureAwait(false);
        try
        {
            // A base64 template is named by its start only: error messages carry the name, and the whole URL is the template.
            return new RequestBody(JsonnetProgram.Parse(source, TemplateSource.Shorten(location)), url);
        }
        catch (JsonnetException e)
        {
            throw new StartupException($"{key}: the template at {TemplateSource.Shorten(url)} does not parse: {e.Message}");
        }
    }

    /// <summary>Evaluates the template with <paramref name="ctxJson"/> as <c>ctx</c> and encodes its output for the request.</summary>
    public RequestBodyResult Evaluate(string ctxJson, bool form, CancellationToken ct)
    {
        string output;
        try
        {
            output = _program.Evaluate(new JsonnetInputs { TlaCodes = new Dictionary<string, string> { ["ctx"] = ctxJson } }, ct);
        }
        catch (JsonnetException e) when (e.IsUserError && (e.UserMessage ?? "").StartsWith("cancel", StringComparison.Ordinal))
        {
            // Kratos's signal to skip the call: the template ran `error "cancel"`.
            return RequestBodyResult.Cancelled;
        }
        catch (JsonnetException e)
        {
            // A template's own error text may quote ctx (cookies, traits), so it is not passed on to the logs.
            return RequestBodyResult.Failed(e.IsUserError ? "the body template raised an error" : "the body template failed: " + e.Message);
        }

        return form ? FormFields(output) : new RequestBodyResult(Encoding.UTF8.GetBytes(output), null);
    }

    /// <summary>The output as form fields, sorted by name as Go's <c>url.Values.Encode</c> writes them; null values are empty.</summary>
    static RequestBodyResult FormFields(string output)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(output);
        }
        catch (JsonException)
        {
            parsed = null;
        }

        if (parsed is not JsonObject fields)
        {
            return RequestBodyResult.Failed("a form-encoded body template must return an object of strings");
        }

        var encoded = new StringBuilder();
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            string text;
            if (value is null)
            {
                text = "";
            }
            else if (value is JsonValue v && v.TryGetValue<string>(out var s))
            {
                text = s;
            }
            else
            {
                return RequestBodyResult.Failed($"a form-encoded body template must return an object of strings; \"{name}\" is not a string");
            }

            encoded.Append(encoded.Length == 0 ? "" : "&").Append(QueryEscape(name)).Append('=').Append(QueryEscape(text));
        }

        return new RequestBodyResult(Encoding.UTF8.GetBytes(encoded.ToString()), null);
    }

    /// <summary>Go's <c>url.QueryEscape</c>: everything but RFC 3986's unreserved characters escaped, spaces as <c>+</c>.</summary>
    static string QueryEscape(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}

/// <summary>A body to send, the template's wish not to send the request at all, or why the template failed.</summary>
internal sealed record RequestBodyResult(byte[]? Content, string? Error, bool IsCancelled = false)
{
    public static readonly RequestBodyResult Cancelled = new(null, null, IsCancelled: true);

    public static RequestBodyResult Failed(string error) => new(null, error);
}
