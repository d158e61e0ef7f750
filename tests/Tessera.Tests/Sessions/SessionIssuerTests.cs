using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Sessions;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Sessions.SessionTestSupport;

namespace Tessera.Tests.Sessions;

/// <summary>The issuer API the flows call, checked through what whoami then answers.</summary>
public abstract class SessionIssuerTests(SessionServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    SessionIssuer Issuer => Server.Services.GetRequiredService<SessionIssuer>();

    [Fact]
    public async Task A_second_factor_steps_the_same_session_up_to_aal2()
    {
        var issued = await IssueAsync(Server, await NewIdentityAsync(Server));
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        var context = new DefaultHttpContext { RequestServices = Server.Services };
        context.Request.Headers.UserAgent = "Second/1.0";

        await Issuer.AddAuthenticationAsync(context, issued.Session,
            new AuthenticationMethod("totp", Aal.Aal2, fixture.Time.GetUtcNow().UtcDateTime), default);

        var (status, body, _) = await Server.Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(issued.Token));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(issued.Id.ToString(), body!["id"]!.GetValue<string>());
        Assert.Equal("aal2", body["authenticator_assurance_level"]!.GetValue<string>());
        Assert.Equal(["password", "totp"], body["authentication_methods"]!.AsArray().Select(m => m!["method"]!.GetValue<string>()));
        Assert.Equal(fixture.Time.GetUtcNow().UtcDateTime, body["authenticated_at"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal(2, body["devices"]!.AsArray().Count);
    }

    [Fact]
    public async Task Revoking_other_sessions_keeps_the_given_one()
    {
        var identityId = await NewIdentityAsync(Server);
        var keep = await IssueAsync(Server, identityId);
        var drop = await IssueAsync(Server, identityId);

        Assert.Equal(1, await Issuer.RevokeOtherSessionsAsync(identityId, keep.Id, default));

        Assert.Equal(HttpStatusCode.OK, (await Server.Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(keep.Token))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(drop.Token))).Status);
    }

    [Fact]
    public void Aal_follows_the_authentication_methods()
    {
        var now = DateTime.UtcNow;
        Assert.Equal("aal0", Aal.FromMethods([]));
        Assert.Equal("aal1", Aal.FromMethods([new("password", "aal1", now)]));
        Assert.Equal("aal2", Aal.FromMethods([new("password", "aal1", now), new("webauthn", "aal2", now)]));
        Assert.Equal("aal1", Aal.FromMethods([new("totp", "aal2", now)]));
        Assert.Equal("aal2", Aal.FromMethods([new("oidc", "aal2", now)]));
    }

    [Fact]
    public void Tokens_have_kratos_format_and_logout_tokens_are_stable_per_session_token()
    {
        var a = SessionToken.NewSessionToken();
        var b = SessionToken.NewSessionToken();

        Assert.Matches("^ory_st_[a-zA-Z0-9]{32}$", a);
        Assert.NotEqual(a, b);
        Assert.Matches("^ory_lo_[a-zA-Z0-9]{32}$", SessionToken.LogoutTokenFor(a));
        Assert.Equal(SessionToken.LogoutTokenFor(a), SessionToken.LogoutTokenFor(a));
        Assert.NotEqual(SessionToken.LogoutTokenFor(a), SessionToken.LogoutTokenFor(b));
        Assert.True(SessionToken.Matches(a, SessionToken.Hash(a)));
        Assert.False(SessionToken.Matches(b, SessionToken.Hash(a)));
    }
}

public sealed class SessionIssuerTests_Sqlite(SqliteSessionFixture fixture) : SessionIssuerTests(fixture), IClassFixture<SqliteSessionFixture>;

public sealed class SessionIssuerTests_Postgres(PostgresSessionFixture fixture) : SessionIssuerTests(fixture), IClassFixture<PostgresSessionFixture>;
