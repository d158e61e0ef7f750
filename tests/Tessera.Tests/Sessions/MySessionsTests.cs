using System.Net;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Sessions.SessionTestSupport;

namespace Tessera.Tests.Sessions;

/// <summary>The caller's own sessions: <c>GET /sessions</c>, <c>DELETE /sessions</c>, <c>DELETE /sessions/{id}</c>.</summary>
public abstract class MySessionsTests(SessionServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    HttpClient Public => Server.Public;

    [Fact]
    public async Task Listing_shows_the_other_active_sessions_with_identity_and_devices()
    {
        var identityId = await NewIdentityAsync(Server);
        var current = await IssueAsync(Server, identityId);
        var second = await IssueAsync(Server, identityId, "Agent/2");
        var third = await IssueAsync(Server, identityId, "Agent/3");
        var revoked = await IssueAsync(Server, identityId);
        await Server.Admin.SendAsync(HttpMethod.Delete, $"/admin/sessions/{revoked.Id}", _ => { });
        var stranger = await IssueAsync(Server, await NewIdentityAsync(Server));

        var (status, body, _) = await Public.SendAsync(HttpMethod.Get, "/sessions", Token(current.Token));

        Assert.Equal(HttpStatusCode.OK, status);
        var ids = body!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(new[] { second.Id.ToString(), third.Id.ToString() }.ToHashSet(), ids);
        var first = body.AsArray()[0]!;
        Assert.True(first["active"]!.GetValue<bool>());
        Assert.Equal(identityId.ToString(), first["identity"]!["id"]!.GetValue<string>());
        Assert.Single(first["devices"]!.AsArray());
        Assert.DoesNotContain(stranger.Id.ToString(), ids);
    }

    [Fact]
    public async Task Listing_pages_with_page_size_and_the_link_header()
    {
        var identityId = await NewIdentityAsync(Server);
        var current = await IssueAsync(Server, identityId);
        var others = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            others.Add((await IssueAsync(Server, identityId)).Id);
        }

        var seen = new List<string>();
        var path = "/sessions?page_size=2";
        for (var pages = 0; path is not null && pages < 5; pages++)
        {
            var (status, body, response) = await Public.SendAsync(HttpMethod.Get, path, Token(current.Token));
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(body!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
            path = NextLink(response);
        }

        Assert.Equal(others.Select(g => g.ToString()).Order(), seen.Order());
    }

    internal static string? NextLink(HttpResponseMessage response)
    {
        var link = response.Headers.TryGetValues("Link", out var values) ? string.Join(",", values) : "";
        foreach (var part in link.Split(','))
        {
            if (part.Contains("rel=\"next\"", StringComparison.Ordinal))
            {
                return part.Trim()[1..part.Trim().IndexOf('>', StringComparison.Ordinal)];
            }
        }

        return null;
    }

    [Fact]
    public async Task Revoking_one_of_my_sessions()
    {
        var identityId = await NewIdentityAsync(Server);
        var current = await IssueAsync(Server, identityId);
        var other = await IssueAsync(Server, identityId);
        var stranger = await IssueAsync(Server, await NewIdentityAsync(Server));

        Assert.Equal(HttpStatusCode.NoContent, (await Public.SendAsync(HttpMethod.Delete, $"/sessions/{other.Id}", Token(current.Token))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(other.Token))).Status);

        var (self, selfBody, _) = await Public.SendAsync(HttpMethod.Delete, $"/sessions/{current.Id}", Token(current.Token));
        Assert.Equal(HttpStatusCode.BadRequest, self);
        Assert.Equal(400, selfBody!["error"]!["code"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await Public.SendAsync(HttpMethod.Delete, $"/sessions/{Guid.NewGuid()}", Token(current.Token))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Public.SendAsync(HttpMethod.Delete, $"/sessions/{stranger.Id}", Token(current.Token))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(stranger.Token))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Public.SendAsync(HttpMethod.Delete, "/sessions/not-a-uuid", Token(current.Token))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Public.SendAsync(HttpMethod.Delete, $"/sessions/{other.Id}", _ => { })).Status);
    }

    [Fact]
    public async Task Revoking_all_my_other_sessions_counts_them()
    {
        var identityId = await NewIdentityAsync(Server);
        var current = await IssueAsync(Server, identityId);
        var a = await IssueAsync(Server, identityId);
        var b = await IssueAsync(Server, identityId);

        var (status, body, _) = await Public.SendAsync(HttpMethod.Delete, "/sessions", Cookie(current.Cookie));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"count":2}""", body!.ToJsonString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(a.Token))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(b.Token))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(current.Token))).Status);
        Assert.Equal("""{"count":0}""", (await Public.SendAsync(HttpMethod.Delete, "/sessions", Token(current.Token))).Body!.ToJsonString());
        Assert.Empty((await Public.SendAsync(HttpMethod.Get, "/sessions", Token(current.Token))).Body!.AsArray());
    }

    [Fact]
    public async Task Without_a_session_the_own_session_endpoints_are_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Public.SendAsync(HttpMethod.Get, "/sessions", _ => { })).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Public.SendAsync(HttpMethod.Delete, "/sessions", _ => { })).Status);
    }
}

public sealed class MySessionsTests_Sqlite(SqliteSessionFixture fixture) : MySessionsTests(fixture), IClassFixture<SqliteSessionFixture>;

public sealed class MySessionsTests_Postgres(PostgresSessionFixture fixture) : MySessionsTests(fixture), IClassFixture<PostgresSessionFixture>;
