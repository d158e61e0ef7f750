using Tessera.Errors;
using Tessera.Hosting;
using Tessera.Identities;

namespace Tessera.Sessions;

/// <summary>The caller's own sessions on the public listener: whoami, list, revoke (Kratos's toSession, listMySessions, …).</summary>
internal static class SessionEndpoints
{
    public const string WhoamiPath = "/sessions/whoami";

    // Kratos answers whoami on every method, so proxies can use it as an auth subrequest whatever the original method.
    static readonly string[] WhoamiMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods(WhoamiPath, WhoamiMethods, static (HttpContext c, SessionAuthenticator authenticator, SessionCookie cookie,
            SessionAalPolicy aal, SessionOptions options, SessionCache cache, TimeProvider time) =>
            WhoamiAsync(c, authenticator, cookie, aal, options, cache, time));
        app.MapGet("/sessions", static (HttpContext c, SessionAuthenticator authenticator, SessionStore store, SessionAalPolicy aal,
            SessionOptions options, TimeProvider time) => ListAsync(c, authenticator, store, aal, options, time));
        app.MapDelete("/sessions", static (HttpContext c, SessionAuthenticator authenticator, SessionStore store, TimeProvider time) =>
            RevokeOthersAsync(c, authenticator, store, time));
        app.MapDelete("/sessions/{id}", static (string id, HttpContext c, SessionAuthenticator authenticator, SessionStore store, TimeProvider time) =>
            RevokeAsync(id, c, authenticator, store, time));
    }

    static async Task<IResult> WhoamiAsync(HttpContext context, SessionAuthenticator authenticator, SessionCookie cookie,
        SessionAalPolicy aal, SessionOptions options, SessionCache cache, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var tokenize = context.Request.Query.ContainsKey("tokenize_as");
        var (token, source, cookieExpiresAt) = authenticator.Credentials(context.Request);
        var tokenHash = token is null ? null : SessionToken.Hash(token);
        if (tokenHash is not null && !tokenize && cache.TryGet(tokenHash, now, out var cached))
        {
            return Answer(context, cookie, options, token!, source, cookieExpiresAt, cached.SessionExpiresAt, cached.IdentityId, cached.Body, now);
        }

        var epoch = cache.Epoch;
        var auth = await authenticator.AuthenticateAsync(token, tokenHash, source, cookieExpiresAt, context.RequestAborted).ConfigureAwait(false);
        if (auth.Session is not { } session)
        {
            if (options.CacheableSessions && auth.Failure == SessionFailure.NoCredentials)
            {
                context.Response.Headers["Ory-Session-Cache-For"] = "60";
            }

            return new ApiErrorResult(SessionErrors.NoValidSessionCredentials());
        }

        if (!aal.Satisfies(session))
        {
            return SessionErrors.Aal2Required(options.PublicBaseUrl);
        }

        if (tokenize)
        {
            return new ApiErrorResult(ApiErrors.BadRequest("Tessera does not support tokenize_as yet."));
        }

        var body = JsonResponse.Render(w => SessionJson.Write(w, session, now, options.PublicBaseUrl, SessionExpand.All, IdentityView.Public));
        cache.Put(tokenHash!, session, body, now, epoch);
        return Answer(context, cookie, options, auth.Token!, auth.Source, auth.CookieExpiresAt, session.ExpiresAt, session.IdentityId, body, now);
    }

    static JsonResponse Answer(HttpContext context, SessionCookie cookie, SessionOptions options, string token, SessionSource source,
        DateTime? cookieExpiresAt, DateTime sessionExpiresAt, Guid identityId, byte[] body, DateTime now)
    {
        // The cookie carries the expiry it was issued with; after an admin extension it is re-issued with the new one.
        if (source == SessionSource.Cookie && cookieExpiresAt < WholeMilliseconds(sessionExpiresAt))
        {
            cookie.Append(context.Response, token, sessionExpiresAt);
        }

        var response = new JsonResponse(200, body).WithHeader("X-Kratos-Authenticated-Identity-Id", identityId.ToString("D"));
        if (options.CacheableSessions)
        {
            // The remaining lifetime, capped by cacheable_sessions_max_age: how long a cache in front may serve this answer.
            var remaining = sessionExpiresAt - now;
            if (options.CacheableSessionsMaxAge is { } cap && cap < remaining)
            {
                remaining = cap;
            }

            response.WithHeader("Ory-Session-Cache-For", ((long)Math.Max(0, remaining.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return response;
    }

    static async Task<IResult> ListAsync(HttpContext context, SessionAuthenticator authenticator, SessionStore store, SessionAalPolicy aal,
        SessionOptions options, TimeProvider time)
    {
        var auth = await authenticator.AuthenticateAsync(context).ConfigureAwait(false);
        if (auth.Session is not { } current)
        {
            return new ApiErrorResult(SessionErrors.NoValidSessionCookie());
        }

        if (!aal.Satisfies(current))
        {
            return SessionErrors.Aal2Required(options.PublicBaseUrl);
        }

        if (!SessionPage.TryParse(context.Request.Query, out var page, out var error))
        {
            return new ApiErrorResult(error!);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var rows = await store.ListAsync(new SessionListQuery(page.Limit, now, current.IdentityId, current.Id, Active: true, page.After,
            page.Offset, WithDevices: true), context.RequestAborted).ConfigureAwait(false);
        var link = page.Link(context.Request, rows);
        return new JsonResponse(200, w =>
        {
            w.WriteStartArray();
            foreach (var session in rows)
            {
                session.Identity = current.Identity;
                SessionJson.Write(w, session, now, options.PublicBaseUrl, SessionExpand.All, IdentityView.Public);
            }

            w.WriteEndArray();
        }).WithHeader("Link", link);
    }

    static async Task<IResult> RevokeOthersAsync(HttpContext context, SessionAuthenticator authenticator, SessionStore store, TimeProvider time)
    {
        var auth = await authenticator.AuthenticateAsync(context).ConfigureAwait(false);
        if (auth.Session is not { } current)
        {
            return new ApiErrorResult(SessionErrors.NoValidSessionCookie());
        }

        var count = await store.RevokeOthersAsync(current.IdentityId, current.Id, time.GetUtcNow().UtcDateTime, context.RequestAborted)
            .ConfigureAwait(false);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("count", count);
            w.WriteEndObject();
        });
    }

    static async Task<IResult> RevokeAsync(string id, HttpContext context, SessionAuthenticator authenticator, SessionStore store, TimeProvider time)
    {
        var auth = await authenticator.AuthenticateAsync(context).ConfigureAwait(false);
        if (auth.Session is not { } current)
        {
            return new ApiErrorResult(SessionErrors.NoValidSessionCookie());
        }

        if (!Guid.TryParse(id, out var sessionId))
        {
            return new ApiErrorResult(SessionErrors.MalformedId(id));
        }

        if (sessionId == current.Id)
        {
            return new ApiErrorResult(SessionErrors.CannotRevokeCurrentSession());
        }

        return await store.RevokeAsync(sessionId, current.IdentityId, time.GetUtcNow().UtcDateTime, context.RequestAborted).ConfigureAwait(false)
            ? Results.NoContent()
            : new ApiErrorResult(ApiErrors.ResourceNotFound());
    }

    static DateTime WholeMilliseconds(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}
