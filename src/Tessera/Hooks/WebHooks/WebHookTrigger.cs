using System.Text;
using System.Text.Json;
using Tessera.Flows;
using Tessera.Identities;
using Tessera.Sessions;

namespace Tessera.Hooks.WebHooks;

/// <summary>
/// What set a web hook off: the request, its flow, and the identity and session when the moment has them (API.md §12.2).
/// <see cref="Identity"/> is the very instance the flow goes on with, so a parsing hook's changes reach it.
/// </summary>
internal sealed record WebHookTrigger(HttpContext Http, Flow Flow, Identity? Identity = null, Session? Session = null)
{
    /// <summary>
    /// The template's <c>ctx</c>, in Kratos's field order: <c>flow</c>, <c>request_headers</c> (only the allow-listed
    /// ones, canonical names, each a list of values), <c>request_method</c>, <c>request_url</c>, <c>request_cookies</c>,
    /// then <c>identity</c> and <c>session</c> when present.
    /// </summary>
    public string ToContextJson(IReadOnlyList<string> headerAllowlist, Uri publicBaseUrl, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(headerAllowlist);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Hosting.JsonWriting.Options))
        {
            var request = Http.Request;
            w.WriteStartObject();
            w.WritePropertyName("flow");
            FlowJson.Write(w, Flow, "", publicBaseUrl);
            w.WriteStartObject("request_headers");
            foreach (var allowed in headerAllowlist.Select(CanonicalHeaderName).Distinct(StringComparer.Ordinal))
            {
                if (request.Headers.TryGetValue(allowed, out var values) && values.Count > 0)
                {
                    w.WriteStartArray(allowed);
                    foreach (var value in values)
                    {
                        w.WriteStringValue(value);
                    }

                    w.WriteEndArray();
                }
            }

            w.WriteEndObject();
            w.WriteString("request_method", request.Method);
            w.WriteString("request_url", FlowFactory.RequestUrl(request));
            w.WriteStartObject("request_cookies");
            foreach (var (name, value) in request.Cookies)
            {
                if (name.Length > 0)
                {
                    w.WriteString(name, value);
                }
            }

            w.WriteEndObject();
            if (Identity is not null)
            {
                w.WritePropertyName("identity");
                IdentityJson.Write(w, Identity, IdentityView.Public, publicBaseUrl);
            }

            if (Session is not null)
            {
                w.WritePropertyName("session");
                SessionJson.Write(w, Session, now, publicBaseUrl, SessionExpand.All, IdentityView.Public);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Go's canonical MIME header form (<c>sec-ch-ua</c> → <c>Sec-Ch-Ua</c>), which Kratos matches the allowlist in and
    /// writes the names with; a name with other characters than letters, digits and token punctuation stays as it is.
    /// </summary>
    public static string CanonicalHeaderName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal))))
        {
            return name;
        }

        var chars = name.ToCharArray();
        var upper = true;
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = upper ? char.ToUpperInvariant(chars[i]) : char.ToLowerInvariant(chars[i]);
            upper = chars[i] == '-';
        }

        return new string(chars);
    }
}
