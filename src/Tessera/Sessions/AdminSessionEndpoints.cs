using Tessera.Errors;
using Tessera.Hosting;
using Tessera.Identities;

namespace Tessera.Sessions;

/// <summary>The admin session API (<c>/admin/sessions…</c>, <c>/admin/identities/{id}/sessions</c>), §7.9.</summary>
internal static class AdminSessionEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/sessions", static (HttpContext c, SessionStore store, IdentityStore identities, SessionOptions options, TimeProvider time) =>
            ListAsync(c, store, identities, options, time));
        admin.MapGet("/sessions/{id}", static (string id, HttpContext c, SessionStore store, IdentityStore identities, SessionOptions options,
            TimeProvider time) => GetAsync(id, c, store, identities, options, time));
        admin.MapDelete("/sessions/{id}", static (string id, HttpContext c, SessionStore store, TimeProvider time) => RevokeAsync(id, c, store, time));
        admin.MapPatch("/sessions/{id}/extend", static (string id, HttpContext c, SessionStore store, SessionOptions options, TimeProvider time) =>
            ExtendAsync(id, c, store, options, time));
        admin.MapGet("/identities/{id}/sessions", static (string id, HttpContext c, SessionStore store, IdentityStore identities,
            SessionOptions options, TimeProvider time) => ListForIdentityAsync(id, c, store, identities, options, time));
        admin.MapDelete("/identities/{id}/sessions", static (string id, HttpContext c, SessionStore store, IdentityStore identities) =>
            DeleteForIdentityAsync(id, c, store, identities));
    }

    static async Task<IResult> ListAsync(HttpContext context, SessionStore store, IdentityStore identities, SessionOptions options, TimeProvider time)
    {
        var query = context.Request.Query;
        if (!TryExpand(query, out var expand, out var error) || !TryActive(query, out var active, out error)
            || !SessionPage.TryParse(query, out var page, out error))
        {
            return new ApiErrorResult(error!);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var rows = await store.ListAsync(new SessionListQuery(page.Limit, now, Active: active, After: page.After, Offset: page.Offset,
            WithDevices: expand.HasFlag(SessionExpand.Devices)), context.RequestAborted).ConfigureAwait(false);
        var link = page.Link(context.Request, rows);
        if (expand.HasFlag(SessionExpand.Identity))
        {
            await AttachIdentitiesAsync(rows, identities, context.RequestAborted).ConfigureAwait(false);
        }

        return SessionsResponse(rows, now, options, expand).WithHeader("Link", link);
    }

    static async Task<IResult> GetAsync(string id, HttpContext context, SessionStore store, IdentityStore identities, SessionOptions options,
        TimeProvider time)
    {
        if (!TryExpand(context.Request.Query, out var expand, out var error))
        {
            return new ApiErrorResult(error!);
        }

        if (!Guid.TryParse(id, out var sessionId))
        {
            return new ApiErrorResult(SessionErrors.MalformedId(id));
        }

        var session = await store.GetAsync(sessionId, expand.HasFlag(SessionExpand.Devices), context.RequestAborted).ConfigureAwait(false);
        if (session is null)
        {
            return new ApiErrorResult(ApiErrors.ResourceNotFound());
        }

        if (expand.HasFlag(SessionExpand.Identity))
        {
            session.Identity = await identities.GetAsync(session.IdentityId, context.RequestAborted).ConfigureAwait(false);
        }

        var now = time.GetUtcNow().UtcDateTime;
        return new JsonResponse(200, w => SessionJson.Write(w, session, now, options.PublicBaseUrl, expand, IdentityView.Admin));
    }

    static async Task<IResult> RevokeAsync(string id, HttpContext context, SessionStore store, TimeProvider time)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return new ApiErrorResult(SessionErrors.MalformedId(id));
        }

        return await store.RevokeAsync(sessionId, null, time.GetUtcNow().UtcDateTime, context.RequestAborted).ConfigureAwait(false)
            ? Results.NoContent()
            : new ApiErrorResult(ApiErrors.ResourceNotFound());
    }

    /// <summary>Extends only once <c>expires_at - earliest_possible_extend</c> has passed; a revoked session stays revoked.</summary>
    static async Task<IResult> ExtendAsync(string id, HttpContext context, SessionStore store, SessionOptions options, TimeProvider time)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return new ApiErrorResult(SessionErrors.MalformedId(id));
        }

        var session = await store.GetAsync(sessionId, withDevices: false, context.RequestAborted).ConfigureAwait(false);
        if (session is null)
        {
            return new ApiErrorResult(ApiErrors.ResourceNotFound());
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (options.EarliestPossibleExtend is not { } earliest || now > session.ExpiresAt - earliest)
        {
            var expiresAt = new DateTime((now + options.Lifespan).Ticks / 10 * 10, DateTimeKind.Utc);
            await store.SetExpiryAsync(session.Id, expiresAt, now, context.RequestAborted).ConfigureAwait(false);
            session.ExpiresAt = expiresAt;
        }

        return new JsonResponse(200, w => SessionJson.Write(w, session, now, options.PublicBaseUrl, SessionExpand.None, IdentityView.Admin));
    }

    static async Task<IResult> ListForIdentityAsync(string id, HttpContext context, SessionStore store, IdentityStore identities,
        SessionOptions options, TimeProvider time)
    {
        var query = context.Request.Query;
        if (!TryActive(query, out var active, out var error) || !SessionPage.TryParse(query, out var page, out error))
        {
            return new ApiErrorResult(error!);
        }

        var identity = Guid.TryParse(id, out var identityId) ? await identities.GetAsync(identityId, context.RequestAborted).ConfigureAwait(false) : null;
        if (identity is null)
        {
            return new ApiErrorResult(ApiErrors.ResourceNotFound());
        }

        var now = time.GetUtcNow().UtcDateTime;
        var rows = await store.ListAsync(new SessionListQuery(page.Limit, now, identity.Id, Active: active, After: page.After, Offset: page.Offset,
            WithDevices: true), context.RequestAborted).ConfigureAwait(false);
        var link = page.Link(context.Request, rows);
        foreach (var session in rows)
        {
            session.Identity = identity;
        }

        return SessionsResponse(rows, now, options, SessionExpand.All).WithHeader("Link", link);
    }

    static async Task<IResult> DeleteForIdentityAsync(string id, HttpContext context, SessionStore store, IdentityStore identities)
    {
        var identity = Guid.TryParse(id, out var identityId) ? await identities.GetAsync(identityId, context.RequestAborted).ConfigureAwait(false) : null;
        if (identity is null)
        {
            return new ApiErrorResult(ApiErrors.ResourceNotFound());
        }

        await store.DeleteByIdentityAsync(identity.Id, context.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    static JsonResponse SessionsResponse(List<Session> sessions, DateTime now, SessionOptions options, SessionExpand expand) => new(200, w =>
    {
        w.WriteStartArray();
        foreach (var session in sessions)
        {
            SessionJson.Write(w, session, now, options.PublicBaseUrl, expand, IdentityView.Admin);
        }

        w.WriteEndArray();
    });

    /// <summary>The identities of a page of sessions, loaded together (one query per kind of row, whatever the page size).</summary>
    static async Task AttachIdentitiesAsync(List<Session> sessions, IdentityStore identities, CancellationToken ct)
    {
        var ids = sessions.Select(s => s.IdentityId).Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var loaded = (await identities.ListAsync(new IdentityListQuery(ids.Count, Ids: ids), ct).ConfigureAwait(false)).ToDictionary(i => i.Id);
        foreach (var session in sessions)
        {
            session.Identity = loaded.GetValueOrDefault(session.IdentityId);
        }
    }

    static bool TryExpand(IQueryCollection query, out SessionExpand expand, out ApiError? error)
    {
        expand = SessionExpand.None;
        error = null;
        foreach (var value in query["expand"])
        {
            foreach (var part in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                switch (part)
                {
                    case "identity":
                        expand |= SessionExpand.Identity;
                        break;
                    case "devices":
                        expand |= SessionExpand.Devices;
                        break;
                    default:
                        error = ApiErrors.BadRequest($"Could not parse expand option \"{part}\"; use identity or devices.");
                        return false;
                }
            }
        }

        return true;
    }

    /// <summary>Go's strconv.ParseBool spellings, which Kratos accepts for <c>active</c>.</summary>
    static bool TryActive(IQueryCollection query, out bool? active, out ApiError? error)
    {
        active = null;
        error = null;
        if (!query.TryGetValue("active", out var values) || string.IsNullOrEmpty(values.ToString()))
        {
            return true;
        }

        switch (values.ToString())
        {
            case "1" or "t" or "T" or "true" or "TRUE" or "True":
                active = true;
                return true;
            case "0" or "f" or "F" or "false" or "FALSE" or "False":
                active = false;
                return true;
            default:
                error = ApiErrors.BadRequest($"Could not parse active parameter \"{values}\"; use true or false.");
                return false;
        }
    }
}
