using System.Net.Http.Headers;

namespace Tessera.Tests.Infrastructure;

/// <summary>A browser's cookies for one site, kept by hand so tests see every Set-Cookie and choose what to send.</summary>
internal sealed class CookieJar
{
    readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public void Take(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var header in values)
        {
            var pair = header.Split(';')[0];
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = pair[..eq].Trim();
            var value = pair[(eq + 1)..].Trim();
            var expired = header.Contains("max-age=0", StringComparison.OrdinalIgnoreCase)
                          || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
            if (expired || value.Length == 0)
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = value;
            }
        }
    }

    /// <summary>Puts a cookie as another browser holds it (a test that replays one browser's request from another).</summary>
    public void Set(string name, string value) => _cookies[name] = value;

    public void AddTo(HttpRequestHeaders headers)
    {
        if (_cookies.Count > 0)
        {
            headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
        }
    }

    public static string? SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault(v => v.StartsWith(name, StringComparison.Ordinal)) : null;
}
