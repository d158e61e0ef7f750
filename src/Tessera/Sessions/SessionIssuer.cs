using System.Net;
using Tessera.Identities;

namespace Tessera.Sessions;

/// <summary>A session just created and the one time its token exists in clear.</summary>
internal sealed record IssuedSession(Session Session, string Token);

/// <summary>
/// What the login, registration and recovery flows call to create sessions, step existing ones up, hand out the cookie,
/// and revoke a user's other sessions (the <c>revoke_active_sessions</c> hook).
/// </summary>
internal sealed class SessionIssuer(SessionStore store, SessionCookie cookie, SessionOptions options, TimeProvider time)
{
    public TimeSpan Lifespan => options.Lifespan;

    /// <summary>Creates an active session for <paramref name="identity"/> with one AMR entry completed now, and records the device.</summary>
    public Task<IssuedSession> IssueAsync(HttpContext context, Identity identity, string method, string aal, CancellationToken ct) =>
        IssueAsync(context, identity, new AuthenticationMethod(method, aal, Now()), ct);

    /// <summary>Creates an active session for <paramref name="identity"/> with one AMR entry, and records the device.</summary>
    public async Task<IssuedSession> IssueAsync(HttpContext context, Identity identity, AuthenticationMethod method, CancellationToken ct)
    {
        var issued = Start(context, identity, method);
        await StoreAsync(issued, ct).ConfigureAwait(false);
        return issued;
    }

    /// <summary>
    /// A new active session for <paramref name="identity"/> with one AMR entry and the device, not stored yet: login's
    /// after-hooks see it before <see cref="StoreAsync"/> writes it, as in Kratos.
    /// </summary>
    public IssuedSession Start(HttpContext context, Identity identity, AuthenticationMethod method)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(identity);
        var now = Now();
        var token = SessionToken.NewSessionToken();
        var session = new Session
        {
            Id = Persistence.RowId.New(),
            IdentityId = identity.Id,
            Active = true,
            AuthenticatedAt = now,
            IssuedAt = now,
            ExpiresAt = Microseconds(now + options.Lifespan),
            AuthenticationMethods = [method with { CompletedAt = Microseconds(method.CompletedAt) }],
            CreatedAt = now,
            UpdatedAt = now,
            IdentityState = identity.State,
            LogoutTokenHash = SessionToken.Hash(SessionToken.LogoutTokenFor(token)),
            Identity = identity,
        };
        session.Devices.Add(Device(context, session, now));
        return new IssuedSession(session, token);
    }

    /// <summary>Writes a session made by <see cref="Start"/>.</summary>
    public Task StoreAsync(IssuedSession issued, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(issued);
        return store.CreateAsync(issued.Session, SessionToken.Hash(issued.Token), ct);
    }

    /// <summary>Adds an AMR entry completed now to an existing session; see the other overload.</summary>
    /// <summary>
    /// A method proven in settings (a second factor or key enrolled): the AMR entry and <c>authenticated_at</c> only, as
    /// Kratos's <c>SessionAddAuthenticationMethods</c>; the session keeps its lifetime and no device is recorded.
    /// </summary>
    public async Task<Session> AddProvenMethodAsync(Session session, string method, string aal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = Now();
        session.AuthenticationMethods.Add(new AuthenticationMethod(method, aal, now));
        session.AuthenticatedAt = now;
        session.UpdatedAt = now;
        await store.UpdateAuthenticationAsync(session, null, ct).ConfigureAwait(false);
        return session;
    }

    /// <summary>
    /// Adds an AMR entry to an existing session (refresh or step-up) and restarts its lifetime, keeping its id and token.
    /// </summary>
    public async Task<Session> AddAuthenticationAsync(HttpContext context, Session session, AuthenticationMethod method, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(session);
        var now = Now();
        session.AuthenticationMethods.Add(method with { CompletedAt = Microseconds(method.CompletedAt) });
        session.AuthenticatedAt = now;
        session.IssuedAt = now;
        session.ExpiresAt = Microseconds(now + options.Lifespan);
        session.UpdatedAt = now;
        var device = Device(context, session, now);
        await store.UpdateAuthenticationAsync(session, device, ct).ConfigureAwait(false);
        session.Devices.Add(device);
        return session;
    }

    /// <summary>Sets the session cookie on the response (browser flows).</summary>
    public void AppendCookie(HttpContext context, string token, DateTime expiresAt)
    {
        ArgumentNullException.ThrowIfNull(context);
        cookie.Append(context.Response, token, expiresAt);
    }

    /// <summary>Revokes every other active session of the identity; returns how many.</summary>
    public Task<int> RevokeOtherSessionsAsync(Guid identityId, Guid exceptSessionId, CancellationToken ct) =>
        store.RevokeOthersAsync(identityId, exceptSessionId, Now(), ct);

    DateTime Now() => Microseconds(time.GetUtcNow().UtcDateTime);

    // Both databases keep microseconds; rounding here keeps what we return equal to what we read back later.
    static DateTime Microseconds(DateTime t) => new(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);

    static SessionDevice Device(HttpContext context, Session session, DateTime now)
    {
        var headers = context.Request.Headers;
        var location = string.Join(", ", new[] { headers["Cf-Ipcity"].ToString(), headers["Cf-Ipcountry"].ToString() }.Where(p => p.Length > 0));
        return new SessionDevice
        {
            Id = Persistence.RowId.New(),
            SessionId = session.Id,
            IdentityId = session.IdentityId,
            IpAddress = ClientIp(context.Connection.RemoteIpAddress),
            UserAgent = headers.UserAgent.ToString(),
            Location = location,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    static string ClientIp(IPAddress? address) => address switch
    {
        null => "",
        { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),
        _ => address.ToString(),
    };
}
