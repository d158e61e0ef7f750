using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Sessions.SessionTestSupport;

namespace Tessera.Tests.Sessions;

/// <summary>Logout, §5.6: the browser logout URL, following it, and native logout.</summary>
public abstract class LogoutTests(SessionServerFixture fixture)
{
    const string ReturnTo = SessionServerFixture.ReturnBase + "bye";

    TesseraServer Server => fixture.Require();

    HttpClient Public => Server.Public;

    static Action<HttpRequestMessage> Both(params Action<HttpRequestMessage>[] parts) => r =>
    {
        foreach (var part in parts)
        {
            part(r);
        }
    };

    static Action<HttpRequestMessage> Accept(string value) => r => r.Headers.TryAddWithoutValidation("Accept", value);

    [Fact]
    public async Task Browser_logout_flow_gives_a_stable_token_and_url()
    {
        var issued = await IssueAsync(Server, await NewIdentityAsync(Server));

        var (status, body, _) = await Public.SendAsync(HttpMethod.Get, "/self-service/logout/browser?return_to=" + Uri.EscapeDataString(ReturnTo),
            Cookie(issued.Cookie));
        var (_, again, _) = await Public.SendAsync(HttpMethod.Get, "/self-service/logout/browser", Cookie(issued.Cookie));

        Assert.Equal(HttpStatusCode.OK, status);
        var token = body!["logout_token"]!.GetValue<string>();
        Assert.Matches("^ory_lo_[a-zA-Z0-9]{32}$", token);
        Assert.Equal(
            new Uri(Server.PublicUrl, "self-service/logout") + "?return_to=" + Uri.EscapeDataString(ReturnTo) + "&token=" + token,
            body["logout_url"]!.GetValue<string>());
        Assert.Equal(token, again!["logout_token"]!.GetValue<string>());
        Assert.Equal(new Uri(Server.PublicUrl, "self-service/logout") + "?token=" + token, again["logout_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Browser_logout_flow_needs_a_session_and_an_allowed_return_to()
    {
        var (status, body, response) = await Public.SendAsync(HttpMethod.Get, "/self-service/logout/browser", Accept("application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(
            """{"error":{"id":"session_inactive","code":401,"status":"Unauthorized","reason":"No active session was found in this request.","message":"request does not have a valid authentication session"}}""",
            body!.ToJsonString());
        Assert.Equal("session_inactive", response.Headers.GetValues("Ory-Error-Id").Single());

        var issued = await IssueAsync(Server, await NewIdentityAsync(Server));
        var (forbidden, forbiddenBody, _) = await Public.SendAsync(HttpMethod.Get,
            "/self-service/logout/browser?return_to=" + Uri.EscapeDataString("https://evil.example.org/"), Cookie(issued.Cookie));
        Assert.Equal(HttpStatusCode.BadRequest, forbidden);
        Assert.Equal("self_service_flow_return_to_forbidden", forbiddenBody!["error"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Following_the_logout_url_revokes_deletes_the_cookie_and_redirects()
    {
        var issued = await IssueAsync(Server, await NewIdentityAsync(Server));
        var (_, flow, _) = await Public.SendAsync(HttpMethod.Get, "/self-service/logout/browser?return_to=" + Uri.EscapeDataString(ReturnTo),
            Cookie(issued.Cookie));
        var url = new Uri(flow!["logout_url"]!.GetValue<string>()).PathAndQuery;

        var (status, _, response) = await Public.SendAsync(HttpMethod.Get, url, Both(Cookie(issued.Cookie), Accept("text/html")));

        Assert.Equal(HttpStatusCode.SeeOther, status);
        Assert.Equal(ReturnTo, response.Headers.Location!.ToString());
        var deleted = response.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith("ory_kratos_session=;", deleted);
        Assert.Contains("expires=Thu, 01 Jan 1970", deleted, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(issued.Token))).Status);
    }

    [Fact]
    public async Task Logout_without_return_to_goes_to_the_logout_default_and_json_gets_204()
    {
        var html = await IssueAsync(Server, await NewIdentityAsync(Server));
        var token = (await Public.SendAsync(HttpMethod.Get, "/self-service/logout/browser", Cookie(html.Cookie))).Body!["logout_token"]!.GetValue<string>();
        var (status, _, response) = await Public.SendAsync(HttpMethod.Get, "/self-service/logout?token=" + token, Cookie(html.Cookie));
        Assert.Equal(HttpStatusCode.SeeOther, status);
        Assert.Equal(SessionServerFixture.ReturnBase + "login", response.Headers.Location!.ToString());

        var json = await IssueAsync(Server, await NewIdentityAsync(Server));
        var jsonToken = (await Public.SendAsync(HttpMethod.Get, "/self-service/logout/browser", Cookie(json.Cookie))).Body!["logout_token"]!.GetValue<string>();
        var (jsonStatus, _, jsonResponse) = await Public.SendAsync(HttpMethod.Get, "/self-service/logout?token=" + jsonToken,
            Both(Cookie(json.Cookie), Accept("application/json")));
        Assert.Equal(HttpStatusCode.NoContent, jsonStatus);
        Assert.StartsWith("ory_kratos_session=;", jsonResponse.Headers.GetValues("Set-Cookie").Single());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(json.Token))).Status);
    }

    [Fact]
    public async Task Logout_with_a_wrong_or_missing_token_or_no_session_fails()
    {
        var identityId = await NewIdentityAsync(Server);
        var mine = await IssueAsync(Server, identityId);
        var other = await IssueAsync(Server, identityId);
        var otherToken = (await Public.SendAsync(HttpMethod.Get, "/self-service/logout/browser", Cookie(other.Cookie))).Body!["logout_token"]!
            .GetValue<string>();

        var (mismatch, body, _) = await Public.SendAsync(HttpMethod.Get, "/self-service/logout?token=" + otherToken, Cookie(mine.Cookie));
        Assert.Equal(HttpStatusCode.Forbidden, mismatch);
        Assert.Equal("Unable to log out because the logout token in the URL query does not match the session cookie.",
            body!["error"]!["reason"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.BadRequest, (await Public.SendAsync(HttpMethod.Get, "/self-service/logout", Cookie(mine.Cookie))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Public.SendAsync(HttpMethod.Get, "/self-service/logout?token=" + otherToken, _ => { })).Status);
        Assert.Equal(HttpStatusCode.OK, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(mine.Token))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(other.Token))).Status);
    }

    [Fact]
    public async Task Native_logout_revokes_the_token()
    {
        var issued = await IssueAsync(Server, await NewIdentityAsync(Server));

        var (status, _, _) = await Public.SendAsync(HttpMethod.Delete, "/self-service/logout/api", _ => { }, new JsonObject { ["session_token"] = issued.Token });

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Token(issued.Token))).Status);
    }

    [Fact]
    public async Task Native_logout_with_an_unknown_token_is_403_and_a_bad_body_400()
    {
        var (status, body, _) = await Public.SendAsync(HttpMethod.Delete, "/self-service/logout/api", _ => { },
            new JsonObject { ["session_token"] = "ory_st_unknown" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("The provided Ory Session Token could not be found, is invalid, or otherwise malformed.", body!["error"]!["reason"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.BadRequest,
            (await Public.SendAsync(HttpMethod.Delete, "/self-service/logout/api", _ => { }, new JsonObject { ["token"] = "x" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await Public.SendAsync(HttpMethod.Delete, "/self-service/logout/api", r => r.Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"))).Status);
    }
}

public sealed class LogoutTests_Sqlite(SqliteSessionFixture fixture) : LogoutTests(fixture), IClassFixture<SqliteSessionFixture>;

public sealed class LogoutTests_Postgres(PostgresSessionFixture fixture) : LogoutTests(fixture), IClassFixture<PostgresSessionFixture>;
