using System.Globalization;
using Microsoft.Extensions.Primitives;
using Tessera.Config;
using Tessera.Errors;
using Tessera.Hosting;

namespace Tessera.Identities;

/// <summary>The admin identity API (<c>/admin/identities…</c>), as Kratos's listIdentities, createIdentity, … answer.</summary>
internal static partial class AdminIdentityEndpoints
{
    const int DefaultPageSize = 250;
    const int MaxPageSize = 1000;
    const int MaxIdsFilter = 500;
    const int LegacyMaxPerPage = 500;
    const int LegacyMaxItems = 1000;

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/identities", static (HttpContext c, IdentityStore store, TesseraConfig config, CredentialViews views) => ListAsync(c, store, config, views));
        admin.MapPost("/identities", static (HttpContext c, IdentityWriter writer, TesseraConfig config) => CreateAsync(c, writer, config));
        admin.MapPatch("/identities", static (HttpContext c, IdentityWriter writer) => BatchAsync(c, writer));
        admin.MapGet("/identities/by/external/{externalId}", static (string externalId, HttpContext c, IdentityStore store, TesseraConfig config,
            CredentialViews views) => GetByExternalIdAsync(externalId, c, store, config, views));
        admin.MapGet("/identities/{id}", static (string id, HttpContext c, IdentityStore store, TesseraConfig config, CredentialViews views) =>
            GetAsync(id, c, store, config, views));
        admin.MapPut("/identities/{id}", static (string id, HttpContext c, IdentityStore store, IdentityWriter writer, TesseraConfig config) =>
            UpdateAsync(id, c, store, writer, config));
        admin.MapPatch("/identities/{id}", static (string id, HttpContext c, IdentityStore store, IdentityWriter writer, TesseraConfig config) =>
            PatchAsync(id, c, store, writer, config));
        admin.MapDelete("/identities/{id}", static (string id, IdentityStore store, CancellationToken ct) => DeleteAsync(id, store, ct));
        admin.MapDelete("/identities/{id}/credentials/{type}", static (string id, string type, HttpContext c, IdentityStore store, IdentityWriter writer) =>
            DeleteCredentialAsync(id, type, c, store, writer));
    }

    static async Task<IResult> ListAsync(HttpContext context, IdentityStore store, TesseraConfig config, CredentialViews views)
    {
        var query = context.Request.Query;
        if (!TryIncludedCredentials(query, out var include, out var includeError))
        {
            return new ApiErrorResult(includeError!);
        }

        var filters = new[] { "ids", "credentials_identifier", "preview_credentials_identifier_similar", "organization_id" }
            .Count(f => query.TryGetValue(f, out var v) && !StringValues.IsNullOrEmpty(v));
        if (filters > 1)
        {
            return new ApiErrorResult(ApiErrors.BadRequest("You cannot combine multiple filters in this API"));
        }

        if (query.ContainsKey("preview_credentials_identifier_similar") || query.ContainsKey("organization_id"))
        {
            return new ApiErrorResult(ApiErrors.BadRequest("Tessera does not support the preview_credentials_identifier_similar and organization_id filters yet."));
        }

        List<Guid>? ids = null;
        if (query.TryGetValue("ids", out var idValues) && idValues.Count > 0)
        {
            if (idValues.Count > MaxIdsFilter)
            {
                return new ApiErrorResult(ApiErrors.BadRequest($"You can filter by at most {MaxIdsFilter} ids."));
            }

            ids = [];
            foreach (var raw in idValues)
            {
                if (!Guid.TryParse(raw, out var id))
                {
                    return new ApiErrorResult(ApiErrors.BadRequest($"Invalid UUID value `{raw}` for parameter `ids`."));
                }

                ids.Add(id);
            }
        }

        string? identifier = query.TryGetValue("credentials_identifier", out var ci) && !StringValues.IsNullOrEmpty(ci)
            ? IdentifierNormalizer.Normalize(ci.ToString())
            : null;

        if (query.ContainsKey("page") || query.ContainsKey("per_page"))
        {
            return await ListLegacyAsync(context, store, config, views, include, ids, identifier).ConfigureAwait(false);
        }

        var pageSize = DefaultPageSize;
        if (query.TryGetValue("page_size", out var ps) && !StringValues.IsNullOrEmpty(ps)
            && (!int.TryParse(ps, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1))
        {
            return new ApiErrorResult(ApiErrors.BadRequest("The page_size parameter must be a positive integer."));
        }

        pageSize = Math.Min(pageSize, MaxPageSize);
        Guid? after = null;
        if (query.TryGetValue("page_token", out var token) && !StringValues.IsNullOrEmpty(token))
        {
            if (!PageToken.TryDecode(token.ToString(), out var last))
            {
                return new ApiErrorResult(ApiErrors.BadRequest("The page_token parameter is invalid."));
            }

            after = last;
        }

        // One extra row tells whether a next page exists without a COUNT.
        var rows = await store.ListAsync(new IdentityListQuery(pageSize + 1, after, 0, identifier, ids), context.RequestAborted).ConfigureAwait(false);
        var hasNext = rows.Count > pageSize;
        if (hasNext)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        var response = IdentitiesResponse(rows, config, views, include);
        var path = context.Request.PathBase + context.Request.Path;
        var link = string.Create(CultureInfo.InvariantCulture, $"<{path}?page_size={pageSize}>; rel=\"first\"");
        if (hasNext)
        {
            link += string.Create(CultureInfo.InvariantCulture, $",<{path}?page_size={pageSize}&page_token={PageToken.Encode(rows[^1].Id)}>; rel=\"next\"");
        }

        return response.WithHeader("Link", link);
    }

    static async Task<IResult> ListLegacyAsync(HttpContext context, IdentityStore store, TesseraConfig config, CredentialViews views,
        HashSet<string>? include, List<Guid>? ids, string? identifier)
    {
        if (!LegacyPage.TryParse(context.Request.Query, DefaultPageSize, LegacyMaxPerPage, out var page, out var error))
        {
            return new ApiErrorResult(error!);
        }

        if ((long)(page.Page + 1) * page.PerPage > LegacyMaxItems)
        {
            return new ApiErrorResult(ApiErrors.BadRequest(
                $"Legacy pagination is not supported for more than the first {LegacyMaxItems} items; use page_size and page_token."));
        }

        var rows = await store.ListAsync(new IdentityListQuery(page.PerPage, null, page.Page * page.PerPage, identifier, ids), context.RequestAborted)
            .ConfigureAwait(false);
        var total = identifier is null && ids is null ? await store.CountAsync(context.RequestAborted).ConfigureAwait(false) : rows.Count;
        return IdentitiesResponse(rows, config, views, include)
            .WithHeader("X-Total-Count", total.ToString(CultureInfo.InvariantCulture))
            .WithHeader("Link", page.LinkHeader(context.Request, total));
    }

    static JsonResponse IdentitiesResponse(List<Identity> identities, TesseraConfig config, CredentialViews views, HashSet<string>? include) => new(200, w =>
    {
        w.WriteStartArray();
        foreach (var identity in identities)
        {
            views.Declassify(identity, include);
            IdentityJson.Write(w, identity, IdentityView.Admin, config.Public.BaseUrl, include);
        }

        w.WriteEndArray();
    });

    static JsonResponse IdentityResponse(int status, Identity identity, TesseraConfig config, HashSet<string>? include = null) =>
        new(status, w => IdentityJson.Write(w, identity, IdentityView.Admin, config.Public.BaseUrl, include));

    static bool TryIncludedCredentials(IQueryCollection query, out HashSet<string>? include, out ApiError? error)
    {
        include = null;
        error = null;
        if (!query.TryGetValue("include_credential", out var values) || values.Count == 0)
        {
            return true;
        }

        include = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            foreach (var type in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!CredentialsType.IsKnown(type))
                {
                    error = ApiErrors.BadRequest($"The credential type \"{type}\" in include_credential is not known.");
                    return false;
                }

                include.Add(type);
            }
        }

        return true;
    }

    static async Task<IResult> GetAsync(string id, HttpContext context, IdentityStore store, TesseraConfig config, CredentialViews views)
    {
        if (!TryIncludedCredentials(context.Request.Query, out var include, out var error))
        {
            return new ApiErrorResult(error!);
        }

        var identity = Guid.TryParse(id, out var guid) ? await store.GetAsync(guid, context.RequestAborted).ConfigureAwait(false) : null;
        if (identity is null)
        {
            return new ApiErrorResult(ApiErrors.ResourceNotFound());
        }

        views.Declassify(identity, include);
        return IdentityResponse(200, identity, config, include);
    }

    static async Task<IResult> GetByExternalIdAsync(string externalId, HttpContext context, IdentityStore store, TesseraConfig config,
        CredentialViews views)
    {
        if (!TryIncludedCredentials(context.Request.Query, out var include, out var error))
        {
            return new ApiErrorResult(error!);
        }

        var identity = await store.GetByExternalIdAsync(externalId, context.RequestAborted).ConfigureAwait(false);
        if (identity is null)
        {
            return new ApiErrorResult(ApiErrors.ResourceNotFound());
        }

        views.Declassify(identity, include);
        return IdentityResponse(200, identity, config, include);
    }

    static async Task<IResult> DeleteAsync(string id, IdentityStore store, CancellationToken ct) =>
        Guid.TryParse(id, out var guid) && await store.DeleteAsync(guid, ct).ConfigureAwait(false)
            ? Results.NoContent()
            : new ApiErrorResult(ApiErrors.ResourceNotFound());
}
