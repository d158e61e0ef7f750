using Microsoft.Net.Http.Headers;

namespace Tessera.Flows;

/// <summary>Kratos's request classification: "JSON request" and "wants a redirect", by Accept negotiation and Content-Type.</summary>
internal static class ClientKind
{
    /// <summary>True when Accept negotiates to application/json over text/html, text/*, */*, or the body is JSON.</summary>
    public static bool IsJsonRequest(HttpRequest request)
    {
        if (request.ContentType is { } contentType
            && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return Negotiate(request, ["text/html", "text/*", "*/*", "application/json"]) == "application/json";
    }

    /// <summary>
    /// Kratos's "browser request": Accept negotiates to text/html (an absent Accept does too); the body's type does not count.
    /// </summary>
    public static bool IsBrowserRequest(HttpRequest request) => Negotiate(request, ["text/html", "text/*", "*/*", "application/json"]) == "text/html";

    /// <summary>Redirect-or-JSON: only Accept counts; application/json wins only when it outranks text/html.</summary>
    public static bool WantsJson(HttpRequest request) => Negotiate(request, ["text/html", "application/json"]) == "application/json";

    /// <summary>
    /// Negotiation as Go's gddo/httputil does it: the highest q wins; at equal q an exact match beats <c>type/*</c>,
    /// which beats <c>*/*</c>; remaining ties go to the earlier offer. Nothing acceptable: the first offer.
    /// </summary>
    static string Negotiate(HttpRequest request, string[] offers)
    {
        var accept = request.Headers.Accept.ToString();
        if (string.IsNullOrWhiteSpace(accept) || !MediaTypeHeaderValue.TryParseList(accept.Split(','), out var ranges))
        {
            return offers[0];
        }

        string? best = null;
        var bestQ = -1.0;
        var bestWildness = int.MaxValue;
        foreach (var offer in offers)
        {
            foreach (var range in ranges)
            {
                var q = range.Quality ?? 1.0;
                var type = range.MediaType.Value ?? "";
                if (q <= 0 || q < bestQ)
                {
                    continue;
                }

                var wildness = type == "*/*" ? 2
                    : type.EndsWith("/*", StringComparison.Ordinal) && offer.StartsWith(type[..^1], StringComparison.OrdinalIgnoreCase) ? 1
                    : type.Equals(offer, StringComparison.OrdinalIgnoreCase) ? 0
                    : -1;
                if (wildness >= 0 && (q > bestQ || bestWildness > wildness))
                {
                    best = offer;
                    bestQ = q;
                    bestWildness = wildness;
                }
            }
        }

        return best ?? offers[0];
    }
}
