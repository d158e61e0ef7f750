using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Sessions.SessionTestSupport;

namespace Tessera.Tests.Sessions;

/// <summary>The admin session API, §7.9.</summary>
public abstract class AdminSessionTests(SessionServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    HttpClient Admin => Server.Admin;

    static Action<HttpRequestMessage> None => _ => { };

    [Fact]
    public async Task Listing_pages_through_every_session_once()
    {
        var identityId = await NewIdentityAsync(Server);
        var mine = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            mine.Add((await IssueAsync(Server, identityId)).Id.ToString());
        }

        var seen = new List<string>();
        var path = "/admin/sessions?page_size=2";
        var pages = 0;
        for (; path is not null && pages < 200; pages++)
        {
            var (status, body, response) = await Admin.SendAsync(HttpMethod.Get, path, None);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(body!.AsArray().Count <= 2);
            seen.AddRange(body.AsArray().Select(s => s!["id"]!.GetValue<string>()));
            path = MySessionsTests.NextLink(response);
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Subset(seen.ToHashSet(), mine);
        Assert.True(pages >= 3);
    }

    [Fact]
    public async Task Listing_filters_by_active_and_expands_on_request()
    {
        var identityId = await NewIdentityAsync(Server);
        var active = await IssueAsync(Server, identityId);
        var revoked = await IssueAsync(Server, identityId);
        await Admin.SendAsync(HttpMethod.Delete, $"/admin/sessions/{revoked.Id}", None);

        var (_, all, _) = await Admin.SendAsync(HttpMethod.Get, "/admin/sessions?page_size=1000", None);
        var (_, onlyActive, _) = await Admin.SendAsync(HttpMethod.Get, "/admin/sessions?page_size=1000&active=true", None);
        var (_, onlyInactive, _) = await Admin.SendAsync(HttpMethod.Get, "/admin/sessions?page_size=1000&active=false", None);

        var plain = Find(all!, active.Id)!;
        Assert.Null(plain["identity"]);
        Assert.Null(plain["devices"]);
        Assert.False(Find(all!, revoked.Id)!["active"]!.GetValue<bool>());
        Assert.NotNull(Find(onlyActive!, active.Id));
        Assert.Null(Find(onlyActive!, revoked.Id));
        Assert.NotNull(Find(onlyInactive!, revoked.Id));
        Assert.Null(Find(onlyInactive!, active.Id));

        var (_, expanded, _) = await Admin.SendAsync(HttpMethod.Get, "/admin/sessions?page_size=1000&expand=identity&expand=devices", None);
        var full = Find(expanded!, active.Id)!;
        Assert.Equal(identityId.ToString(), full["identity"]!["id"]!.GetValue<string>());
        Assert.True(full["identity"]!.AsObject().ContainsKey("metadata_admin"));
        Assert.Equal("203.0.113.7", full["devices"]![0]!["ip_address"]!.GetValue<string>());
    }

    static JsonNode? Find(JsonNode list, Guid id) => list.AsArray().FirstOrDefault(s => s!["id"]!.GetValue<string>() == id.ToString());

    [Theory]
    [InlineData("/admin/sessions?active=maybe")]
    [InlineData("/admin/sessions?expand=everything")]
    [InlineData("/admin/sessions?page_size=0")]
    [InlineData("/admin/sessions?page_token=garbage")]
    [InlineData("/admin/sessions/not-a-uuid")]
    [InlineData("/admin/sessions/00000000-0000-0000-0000-000000000001?expand=nope")]
    public async Task Bad_parameters_are_400(string path)
    {
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Get, path, None);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, body!["error"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Getting_one_session_expands_on_request_and_404s_for_unknown_ids()
    {
        var identityId = await NewIdentityAsync(Server);
        var issued = await IssueAsync(Server, identityId);

        var (status, body, _) = await Admin.SendAsync(HttpMethod.Get, $"/admin/sessions/{issued.Id}?expand=identity", None);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(issued.Id.ToString(), body!["id"]!.GetValue<string>());
        Assert.True(body["active"]!.GetValue<bool>());
        Assert.Equal(identityId.ToString(), body["identity"]!["id"]!.GetValue<string>());
        Assert.Null(body["devices"]);

        var (missing, missingBody, _) = await Admin.SendAsync(HttpMethod.Get, $"/admin/sessions/{Guid.NewGuid()}", None);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal(404, missingBody!["error"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Deleting_a_session_revokes_it()
    {
        var issued = await IssueAsync(Server, await NewIdentityAsync(Server));

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.SendAsync(HttpMethod.Delete, $"/admin/sessions/{issued.Id}", None)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(issued.Token))).Status);
        Assert.False((await Admin.SendAsync(HttpMethod.Get, $"/admin/sessions/{issued.Id}", None)).Body!["active"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.SendAsync(HttpMethod.Delete, "/admin/sessions/nope", None)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Delete, $"/admin/sessions/{Guid.NewGuid()}", None)).Status);
    }

    [Fact]
    public async Task Extending_restarts_the_lifespan_and_whoami_reissues_an_outdated_cookie()
    {
        var issued = await IssueAsync(Server, await NewIdentityAsync(Server));
        fixture.Time.Advance(TimeSpan.FromHours(2));
        var now = fixture.Time.GetUtcNow().UtcDateTime;

        var (status, body, _) = await Admin.SendAsync(HttpMethod.Patch, $"/admin/sessions/{issued.Id}/extend", None);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(now.AddHours(24), body!["expires_at"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Null(body["identity"]);
        var (_, _, whoami) = await Server.Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Cookie(issued.Cookie));
        var reissued = whoami.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith("ory_kratos_session=", reissued);
        var (_, _, again) = await Server.Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Cookie(reissued.Split(';')[0]));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(again.Headers.Contains("Set-Cookie"));

        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Patch, $"/admin/sessions/{Guid.NewGuid()}/extend", None)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.SendAsync(HttpMethod.Patch, "/admin/sessions/x/extend", None)).Status);
    }

    [Fact]
    public async Task Extending_waits_for_earliest_possible_extend_and_does_not_reactivate()
    {
        var server = await fixture.StartAnotherAsync(c => c["session"] = new JsonObject { ["lifespan"] = "10h", ["earliest_possible_extend"] = "1h" });
        var issued = await IssueAsync(server, await NewIdentityAsync(server));
        var originalExpiry = issued.Session.ExpiresAt;

        fixture.Time.Advance(TimeSpan.FromHours(8));
        var (_, early, _) = await server.Admin.SendAsync(HttpMethod.Patch, $"/admin/sessions/{issued.Id}/extend", None);
        Assert.Equal(originalExpiry, early!["expires_at"]!.GetValue<DateTime>().ToUniversalTime());

        fixture.Time.Advance(TimeSpan.FromHours(1.5));
        await server.Admin.SendAsync(HttpMethod.Delete, $"/admin/sessions/{issued.Id}", None);
        var (_, late, _) = await server.Admin.SendAsync(HttpMethod.Patch, $"/admin/sessions/{issued.Id}/extend", None);
        Assert.Equal(fixture.Time.GetUtcNow().UtcDateTime.AddHours(10), late!["expires_at"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.False(late["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Sessions_of_an_identity_are_listed_expanded_and_deleted()
    {
        var identityId = await NewIdentityAsync(Server);
        var a = await IssueAsync(Server, identityId);
        var b = await IssueAsync(Server, identityId);
        await Admin.SendAsync(HttpMethod.Delete, $"/admin/sessions/{b.Id}", None);
        await IssueAsync(Server, await NewIdentityAsync(Server));

        var (status, body, _) = await Admin.SendAsync(HttpMethod.Get, $"/admin/identities/{identityId}/sessions", None);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new[] { a.Id, b.Id }.Select(g => g.ToString()).Order(), body!.AsArray().Select(s => s!["id"]!.GetValue<string>()).Order());
        Assert.All(body.AsArray(), s =>
        {
            Assert.Equal(identityId.ToString(), s!["identity"]!["id"]!.GetValue<string>());
            Assert.Single(s["devices"]!.AsArray());
        });
        var (_, active, _) = await Admin.SendAsync(HttpMethod.Get, $"/admin/identities/{identityId}/sessions?active=true", None);
        Assert.Equal(a.Id.ToString(), active!.AsArray().Single()!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Get, $"/admin/identities/{Guid.NewGuid()}/sessions", None)).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{identityId}/sessions", None)).Status);
        Assert.Empty((await Admin.SendAsync(HttpMethod.Get, $"/admin/identities/{identityId}/sessions", None)).Body!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Get, $"/admin/sessions/{a.Id}", None)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(a.Token))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{Guid.NewGuid()}/sessions", None)).Status);
    }

    [Fact]
    public async Task Deleting_the_identity_deletes_its_sessions()
    {
        var identityId = await NewIdentityAsync(Server);
        var issued = await IssueAsync(Server, identityId);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{identityId}", None)).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Get, $"/admin/sessions/{issued.Id}", None)).Status);
    }

    [Fact]
    public async Task Admin_session_paths_on_the_public_listener_redirect_to_the_admin_one()
    {
        var (status, _, response) = await Server.Public.SendAsync(HttpMethod.Get, "/admin/sessions", None);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, status);
        Assert.Equal(new Uri(Server.AdminUrl, "admin/sessions"), response.Headers.Location);
    }
}

public sealed class AdminSessionTests_Sqlite(SqliteSessionFixture fixture) : AdminSessionTests(fixture), IClassFixture<SqliteSessionFixture>;

public sealed class AdminSessionTests_Postgres(PostgresSessionFixture fixture) : AdminSessionTests(fixture), IClassFixture<PostgresSessionFixture>;
