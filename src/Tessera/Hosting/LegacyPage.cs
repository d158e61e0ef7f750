using System.Globalization;
using Tessera.Errors;

namespace Tessera.Hosting;

/// <summary>Kratos's legacy <c>page</c>/<c>per_page</c> pagination (0-based pages) and its <c>Link</c> header.</summary>
internal sealed record LegacyPage(int Page, int PerPage)
{
    public static bool TryParse(IQueryCollection query, int defaultPerPage, int maxPerPage, out LegacyPage page, out ApiError? error)
    {
        page = new LegacyPage(0, defaultPerPage);
        error = null;
        var pageNumber = 0;
        var perPage = defaultPerPage;
        if (query.TryGetValue("page", out var p) && !string.IsNullOrEmpty(p)
            && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 0))
        {
            error = ApiErrors.BadRequest("The page parameter must be a non-negative integer.");
            return false;
        }

        var perPageText = query.TryGetValue("per_page", out var pp) && !string.IsNullOrEmpty(pp) ? pp.ToString()
            : query.TryGetValue("page_size", out var ps) && !string.IsNullOrEmpty(ps) ? ps.ToString() : null;
        if (perPageText is not null && (!int.TryParse(perPageText, NumberStyles.None, CultureInfo.InvariantCulture, out perPage) || perPage < 1))
        {
            error = ApiErrors.BadRequest("The per_page parameter must be a positive integer.");
            return false;
        }

        page = new LegacyPage(pageNumber, Math.Min(perPage, maxPerPage));
        return true;
    }

    public string LinkHeader(HttpRequest request, long total)
    {
        var lastPage = total == 0 ? 0 : (int)((total - 1) / PerPage);
        var links = new List<string> { Link(request, 0, "first") };
        if (Page < lastPage)
        {
            links.Add(Link(request, Page + 1, "next"));
        }

        if (Page > 0)
        {
            links.Add(Link(request, Math.Min(Page - 1, lastPage), "prev"));
        }

        links.Add(Link(request, lastPage, "last"));
        return string.Join(",", links);
    }

    string Link(HttpRequest request, int page, string rel) =>
        string.Create(CultureInfo.InvariantCulture, $"<{request.PathBase}{request.Path}?page={page}&per_page={PerPage}>; rel=\"{rel}\"");
}
