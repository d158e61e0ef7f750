using System.Globalization;
using Microsoft.Extensions.Primitives;
using Tessera.Errors;
using Tessera.Hosting;
using Tessera.Identities;

namespace Tessera.Sessions;

/// <summary>
/// One page request for a session list: keyset (<c>page_size</c>, <c>page_token</c>) or, when <c>page</c> or
/// <c>per_page</c> is present, Kratos's legacy offset pages.
/// </summary>
internal sealed record SessionPage(int Size, Guid? After, LegacyPage? Legacy)
{
    public const int DefaultSize = 250;
    public const int MaxSize = 1000;
    const int LegacyMaxPerPage = 500;

    public int Offset => Legacy is { } l ? l.Page * l.PerPage : 0;

    /// <summary>Keyset pages ask for one extra row to know whether there is a next page.</summary>
    public int Limit => Legacy is null ? Size + 1 : Size;

    public static bool TryParse(IQueryCollection query, out SessionPage page, out ApiError? error)
    {
        page = new SessionPage(DefaultSize, null, null);
        error = null;
        if (query.ContainsKey("page") || query.ContainsKey("per_page"))
        {
            if (!LegacyPage.TryParse(query, DefaultSize, LegacyMaxPerPage, out var legacy, out error))
            {
                return false;
            }

            page = new SessionPage(legacy.PerPage, null, legacy);
            return true;
        }

        var size = DefaultSize;
        if (query.TryGetValue("page_size", out var ps) && !StringValues.IsNullOrEmpty(ps)
            && (!int.TryParse(ps, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1))
        {
            error = ApiErrors.BadRequest("The page_size parameter must be a positive integer.");
            return false;
        }

        Guid? after = null;
        if (query.TryGetValue("page_token", out var token) && !StringValues.IsNullOrEmpty(token))
        {
            if (!PageToken.TryDecode(token.ToString(), out var last))
            {
                error = ApiErrors.BadRequest("The page_token parameter is invalid.");
                return false;
            }

            after = last;
        }

        page = new SessionPage(Math.Min(size, MaxSize), after, null);
        return true;
    }

    /// <summary>Trims the look-ahead row and returns the <c>Link</c> header for what is left.</summary>
    public string Link(HttpRequest request, List<Session> rows)
    {
        var path = request.PathBase + request.Path;
        if (Legacy is { } legacy)
        {
            var next = rows.Count == legacy.PerPage;
            var links = new List<string> { string.Create(CultureInfo.InvariantCulture, $"<{path}?page=0&per_page={legacy.PerPage}>; rel=\"first\"") };
            if (next)
            {
                links.Add(string.Create(CultureInfo.InvariantCulture, $"<{path}?page={legacy.Page + 1}&per_page={legacy.PerPage}>; rel=\"next\""));
            }

            if (legacy.Page > 0)
            {
                links.Add(string.Create(CultureInfo.InvariantCulture, $"<{path}?page={legacy.Page - 1}&per_page={legacy.PerPage}>; rel=\"prev\""));
            }

            return string.Join(",", links);
        }

        var hasNext = rows.Count > Size;
        if (hasNext)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        var link = string.Create(CultureInfo.InvariantCulture, $"<{path}?page_size={Size}>; rel=\"first\"");
        if (hasNext)
        {
            link += string.Create(CultureInfo.InvariantCulture, $",<{path}?page_size={Size}&page_token={PageToken.Encode(rows[^1].Id)}>; rel=\"next\"");
        }

        return link;
    }
}
