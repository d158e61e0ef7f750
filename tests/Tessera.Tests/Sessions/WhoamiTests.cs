using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Persistence;
using Tessera.Sessions;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Sessions.SessionTestSupport;

namespace Tessera.Tests.Sessions;

/// <summary><c>/sessions/whoami</c> over HTTP: token sources, the 401 shape, expiry, revocation, AAL and storage of tokens.</summary>
public abstract class WhoamiTests(SessionServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    HttpClient Public => Server.Public;

    [Fact]
    public async Task Whoami_by_header_answers_the_session_with_its_public_identity_and_device()
    {
        var identityId = await NewIdentityAsync(Server);
        var issued = await IssueAsync(Server, identityId, "Mozilla/5.0 Tessera", headers: new Dictionary<string, string>
        {
            ["Cf-Ipcity"] = "Berlin",
            ["Cf-Ipcountry"] = "DE",
        });

        var (status, body, response) = await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(issued.Token));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(identityId.ToString(), response.Headers.GetValues("X-Kratos-Authenticated-Identity-Id").Single());
        Assert.Equal(issued.Id.ToString(), body!["id"]!.GetValue<string>());
        Assert.True(body["active"]!.GetValue<bool>());
        Assert.Equal("aal1", body["authenticator_assurance_level"]!.GetValue<string>());
        var method = body["authentication_methods"]![0]!;
        Assert.Equal("password", method["method"]!.GetValue<string>());
        Assert.Equal("aal1", method["aal"]!.GetValue<string>());
        var now = fixture.Time.GetUtcNow().UtcDateTime;
        Assert.Equal(now, method["completed_at"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal(now, body["authenticated_at"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal(now, body["issued_at"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal(now.AddHours(24), body["expires_at"]!.GetValue<DateTime>().ToUniversalTime());
        var identity = body["identity"]!;
        Assert.Equal(identityId.ToString(), identity["id"]!.GetValue<string>());
        Assert.Equal("active", identity["state"]!.GetValue<string>());
        Assert.NotNull(identity["verifiable_addresses"]);
        Assert.NotNull(identity["recovery_addresses"]);
        Assert.False(identity.AsObject().ContainsKey("credentials"));
        Assert.False(identity.AsObject().ContainsKey("metadata_admin"));
        var device = body["devices"]!.AsArray().Single()!;
        Assert.Equal("203.0.113.7", device["ip_address"]!.GetValue<string>());
        Assert.Equal("Mozilla/5.0 Tessera", device["user_agent"]!.GetValue<string>());
        Assert.Equal("Berlin, DE", device["location"]!.GetValue<string>());
        Assert.False(body.AsObject().ContainsKey("token"));
    }

    [Fact]
    public async Task Whoami_accepts_the_cookie_and_a_bearer_token()
    {
        var issued = await IssueAsync(Server, await NewIdentityAsync(Server));

        var (byCookie, cookieBody, _) = await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Cookie(issued.Cookie));
        var (byBearer, bearerBody, _) = await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Bearer(issued.Token));

        Assert.Equal(HttpStatusCode.OK, byCookie);
        Assert.Equal(issued.Id.ToString(), cookieBody!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, byBearer);
        Assert.Equal(issued.Id.ToString(), bearerBody!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_credentials_whoami_is_401_with_the_current_upstream_body()
    {
        var (status, body, response) = await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", _ => { });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(
            """{"error":{"code":401,"status":"Unauthorized","reason":"No valid session credentials found in the request.","message":"The request could not be authorized"}}""",
            body!.ToJsonString());
        Assert.False(response.Headers.Contains("Ory-Error-Id"));
    }

    [Theory]
    [InlineData("ory_st_doesnotexist")]
    [InlineData("")]
    public async Task Unknown_tokens_and_tampered_cookies_are_401(string token)
    {
        var issued = await IssueAsync(Server, await NewIdentityAsync(Server));
        var tampered = issued.Cookie[..^3] + (issued.Cookie[^3] == 'A' ? "BBB" : "AAA");

        if (token.Length > 0)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(token))).Status);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Cookie(tampered))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Cookie("ory_kratos_session=" + issued.Token))).Status);
    }

    [Theory]
    [InlineData("HEAD")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    public async Task Whoami_answers_other_methods_too(string method)
    {
        var issued = await IssueAsync(Server, await NewIdentityAsync(Server));

        var (ok, _, response) = await Public.SendAsync(new HttpMethod(method), "/sessions/whoami", Token(issued.Token));
        var (unauthorized, _, _) = await Public.SendAsync(new HttpMethod(method), "/sessions/whoami", _ => { });

        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(issued.Session.IdentityId.ToString(), response.Headers.GetValues("X-Kratos-Authenticated-Identity-Id").Single());
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized);
    }

    [Fact]
    public async Task Expired_sessions_are_refused()
    {
        var issued = await IssueAsync(Server, await NewIdentityAsync(Server));
        Assert.Equal(HttpStatusCode.OK, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(issued.Token))).Status);

        fixture.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(issued.Token))).Status);
        var (_, admin, _) = await Server.Admin.SendAsync(HttpMethod.Get, $"/admin/sessions/{issued.Id}", _ => { });
        Assert.False(admin!["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Revoked_sessions_and_inactive_identities_are_refused()
    {
        var identityId = await NewIdentityAsync(Server);
        var revoked = await IssueAsync(Server, identityId);
        var other = await IssueAsync(Server, identityId);

        Assert.Equal(HttpStatusCode.NoContent, (await Server.Admin.SendAsync(HttpMethod.Delete, $"/admin/sessions/{revoked.Id}", _ => { })).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(revoked.Token))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(other.Token))).Status);

        var patch = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/state", ["value"] = "inactive" });
        var (patched, patchBody, _) = await Server.Admin.SendAsync(HttpMethod.Patch, $"/admin/identities/{identityId}", _ => { }, patch);
        Assert.True(patched == HttpStatusCode.OK, patchBody?.ToJsonString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(other.Token))).Status);
    }

    [Fact]
    public async Task Tokens_are_stored_only_as_sha256()
    {
        var issued = await IssueAsync(Server, await NewIdentityAsync(Server));
        var (_, logout, _) = await Public.SendAsync(HttpMethod.Get, "/self-service/logout/browser", Cookie(issued.Cookie));
        var logoutToken = logout!["logout_token"]!.GetValue<string>();

        var database = Server.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync(default);
        await using var command = Database.Command(connection, "SELECT * FROM sessions");
        await using var reader = await command.ExecuteReaderAsync();
        var dump = new System.Text.StringBuilder();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                dump.Append(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
            }
        }

        var text = dump.ToString();
        Assert.StartsWith("ory_st_", issued.Token);
        Assert.Equal(39, issued.Token.Length);
        Assert.DoesNotContain(issued.Token, text);
        Assert.DoesNotContain(issued.Token["ory_st_".Length..], text);
        Assert.DoesNotContain(logoutToken["ory_lo_".Length..], text);
        Assert.Contains(SessionToken.Hash(issued.Token), text);
        Assert.Contains(SessionToken.Hash(logoutToken), text);
    }

    [Fact]
    public async Task Highest_available_aal_refuses_an_aal1_session_when_the_identity_has_aal2()
    {
        var identityId = await NewIdentityAsync(Server);
        var issued = await IssueAsync(Server, identityId);
        var database = Server.Services.GetRequiredService<Database>();
        await using (var connection = await database.OpenAsync(default))
        {
            await using var command = Database.Command(connection, "UPDATE identities SET available_aal = 'aal2' WHERE id = @id");
            database.Dialect.AddUuid(command, "id", identityId);
            await command.ExecuteNonQueryAsync();
        }

        var (status, body, response) = await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(issued.Token));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("session_aal2_required", body!["error"]!["id"]!.GetValue<string>());
        Assert.Equal("session_aal2_required", response.Headers.GetValues("Ory-Error-Id").Single());
        var redirect = new Uri(Server.PublicUrl, "self-service/login/browser?aal=aal2").ToString();
        Assert.Equal(redirect, body["redirect_browser_to"]!.GetValue<string>());
        Assert.Equal(redirect, body["error"]!["details"]!["redirect_browser_to"]!.GetValue<string>());
    }

    [Fact]
    public async Task Required_aal1_accepts_an_aal1_session_of_an_aal2_identity()
    {
        var server = await fixture.StartAnotherAsync(c => c["session"] = new JsonObject { ["whoami"] = new JsonObject { ["required_aal"] = "aal1" } });
        var identityId = await NewIdentityAsync(server);
        var issued = await IssueAsync(server, identityId);
        var database = server.Services.GetRequiredService<Database>();
        await using (var connection = await database.OpenAsync(default))
        {
            await using var command = Database.Command(connection, "UPDATE identities SET available_aal = 'aal2' WHERE id = @id");
            database.Dialect.AddUuid(command, "id", identityId);
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await server.Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(issued.Token))).Status);
    }

    [Fact]
    public async Task Whoami_on_the_admin_listener_redirects_to_the_public_one()
    {
        var (status, _, response) = await Server.Admin.SendAsync(HttpMethod.Get, "/admin/sessions/whoami", _ => { });

        Assert.Equal(HttpStatusCode.TemporaryRedirect, status);
        Assert.Equal(new Uri(Server.PublicUrl, "sessions/whoami"), response.Headers.Location);
    }

    [Fact]
    public async Task Cacheable_sessions_tell_caches_how_long_they_may_keep_the_answer()
    {
        var server = await fixture.StartAnotherAsync(c =>
            c["feature_flags"] = new JsonObject { ["cacheable_sessions"] = true, ["cacheable_sessions_max_age"] = "5m" });
        var issued = await IssueAsync(server, await NewIdentityAsync(server));

        var (status, _, response) = await server.Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(issued.Token));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("300", response.Headers.GetValues("Ory-Session-Cache-For").Single());

        var (none, _, noneResponse) = await server.Public.SendAsync(HttpMethod.Get, "/sessions/whoami", _ => { });
        Assert.Equal(HttpStatusCode.Unauthorized, none);
        Assert.Equal("60", noneResponse.Headers.GetValues("Ory-Session-Cache-For").Single());

        // Without the flag there is no such header.
        var (_, _, plain) = await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token((await IssueAsync(Server, await NewIdentityAsync(Server))).Token));
        Assert.False(plain.Headers.Contains("Ory-Session-Cache-For"));
    }

    [Fact]
    public async Task A_cached_whoami_never_outlives_a_change_made_on_this_node()
    {
        var identityId = await NewIdentityAsync(Server);
        var first = await IssueAsync(Server, identityId);
        var second = await IssueAsync(Server, identityId);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(first.Token))).Status);
            Assert.Equal(HttpStatusCode.OK, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(second.Token))).Status);
        }

        // Revoking one session through the admin API ends it at once, the other stays.
        Assert.Equal(HttpStatusCode.NoContent, (await Server.Admin.SendAsync(HttpMethod.Delete, $"/admin/sessions/{first.Id}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(first.Token))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(second.Token))).Status);

        // Disabling the identity ends its sessions at once; the answer also reflects trait changes at once.
        var (patched, _, _) = await Server.Admin.SendAsync(HttpMethod.Patch, $"/admin/identities/{identityId}",
            JsonNode.Parse("""[{"op":"replace","path":"/state","value":"inactive"}]"""));
        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(second.Token))).Status);
    }
}

public sealed class WhoamiTests_Sqlite(SqliteSessionFixture fixture) : WhoamiTests(fixture), IClassFixture<SqliteSessionFixture>;

public sealed class WhoamiTests_Postgres(PostgresSessionFixture fixture) : WhoamiTests(fixture), IClassFixture<PostgresSessionFixture>;
