using Microsoft.Net.Http.Headers;

namespace Tessera.Sessions;

/// <summary>Where the credentials of a request came from (Kratos's order: header, cookie, bearer).</summary>
internal enum SessionSource
{
    None,
    Header,
    Cookie,
    Bearer,
}

/// <summary>Why a request has no usable session.</summary>
internal enum SessionFailure
{
    None,
    NoCredentials,
    UnknownToken,
    Inactive,
}

/// <summary>The outcome of authenticating a request: a usable session, or the reason there is none.</summary>
internal sealed record SessionAuthentication(
    Session? Session,
    SessionFailure Failure,
    SessionSource Source,
    string? Token,
    DateTime? CookieExpiresAt)
{
    public bool Succeeded => Session is not null;
}

/// <summary>
/// Resolves the request's session from <c>X-Session-Token</c>, then the session cookie, then <c>Authorization: Bearer</c>.
/// The first credential present decides; a cookie that does not decrypt counts as absent.
/// </summary>
internal sealed class SessionAuthenticator(SessionStore store, SessionCookie cookie, TimeProvider time)
{
    public Task<SessionAuthentication> AuthenticateAsync(HttpContext context, bool cookieOnly = false)
    {
        var (token, source, cookieExpiry) = Credentials(context.Request, cookieOnly);
        return AuthenticateAsync(token, token is null ? null : SessionToken.Hash(token), source, cookieExpiry, context.RequestAborted);
    }

    /// <summary>Looks up credentials already read (whoami reads them once for its cache and once only).</summary>
    public async Task<SessionAuthentication> AuthenticateAsync(string? token, string? tokenHash, SessionSource source, DateTime? cookieExpiry,
        CancellationToken ct)
    {
        if (token is null || tokenHash is null)
        {
            return new SessionAuthentication(null, SessionFailure.NoCredentials, SessionSource.None, null, null);
        }

        var session = await store.FindByTokenHashAsync(tokenHash, ct).ConfigureAwait(false);
        if (session is null)
        {
            return new SessionAuthentication(null, SessionFailure.UnknownToken, source, null, null);
        }

        return session.IsActiveAt(time.GetUtcNow().UtcDateTime)
            ? new SessionAuthentication(session, SessionFailure.None, source, token, cookieExpiry)
            : new SessionAuthentication(null, SessionFailure.Inactive, source, null, null);
    }

    /// <summary>The credential a request carries, without looking it up.</summary>
    public (string? Token, SessionSource Source, DateTime? CookieExpiry) Credentials(HttpRequest request, bool cookieOnly = false)
    {
        if (!cookieOnly && request.Headers["X-Session-Token"].ToString() is { Length: > 0 } header)
        {
            return (header, SessionSource.Header, null);
        }

        if (cookie.Read(request) is { } fromCookie)
        {
            return (fromCookie.Token, SessionSource.Cookie, fromCookie.ExpiresAt);
        }

        if (!cookieOnly && request.Headers[HeaderNames.Authorization].ToString() is { Length: > 7 } authorization
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var bearer = authorization[7..].Trim();
            if (bearer.Length > 0)
            {
                return (bearer, SessionSource.Bearer, null);
            }
        }

        return (null, SessionSource.None, null);
    }
}
