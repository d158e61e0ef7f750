using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Infrastructure.HttpJson;

namespace Tessera.Tests.Flows;

/// <summary>Browser (form post) and SPA (JSON) login and registration with the CSRF cookie, as FLOWS.md §2 and §3.2 give them.</summary>
public abstract class BrowserFlowTests(FlowServerFixture fixture)
{
    const string Password = "correct horse battery staple 42";

    TesseraServer Server => fixture.Require();

    sealed class Browser(TesseraServer server)
    {
        public CookieJar Jar { get; } = new();

        public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, bool json = false)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            request.Headers.Accept.ParseAdd(json ? "application/json" : "text/html");
            Jar.AddTo(request.Headers);
            var response = await server.Public.SendAsync(request);
            Jar.Take(response);
            return response;
        }
    }

    static async Task<JsonNode> Json(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    static string CsrfToken(JsonNode flow) =>
        flow["ui"]!["nodes"]!.AsArray().First(n => n!["attributes"]!["name"]!.GetValue<string>() == "csrf_token")!["attributes"]!["value"]!.GetValue<string>();

    static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    async Task<string> RegisteredEmailAsync()
    {
        var email = Unique();
        await Server.CreateIdentityAsync(EmailIdentity(email, HttpJson.Password(Password)));
        return email;
    }

    [Fact]
    public async Task Html_init_redirects_to_the_ui_and_sets_the_csrf_cookie()
    {
        var browser = new Browser(Server);
        using var init = await browser.SendAsync(HttpMethod.Get, "/self-service/login/browser");
        Assert.Equal(HttpStatusCode.SeeOther, init.StatusCode);
        Assert.StartsWith(FlowServerFixture.Ui + "login?flow=", init.Headers.Location!.ToString());
        var csrfCookie = CookieJar.SetCookie(init, "csrf_token_")!;
        Assert.Contains("httponly", csrfCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", csrfCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", csrfCookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);

        var flowId = init.Headers.Location!.Query.Split("flow=")[1];
        using var fetched = await browser.SendAsync(HttpMethod.Get, $"/self-service/login/flows?id={flowId}", json: true);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(88, CsrfToken(await Json(fetched)).Length);

        // The UI server forwards the browser's cookies; without them the flow is not handed out.
        var (status, error, _) = await Server.Public.GetJsonAsync($"/self-service/login/flows?id={flowId}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("security_csrf_violation", error!["error"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Form_post_login_redirects_with_a_session_cookie_and_errors_go_back_to_the_ui()
    {
        var email = await RegisteredEmailAsync();
        var browser = new Browser(Server);
        using var init = await browser.SendAsync(HttpMethod.Get, "/self-service/login/browser?return_to=" + Uri.EscapeDataString(FlowServerFixture.Ui + "dashboard"), json: true);
        var flow = await Json(init);
        Assert.Equal(FlowServerFixture.Ui + "dashboard", flow["return_to"]!.GetValue<string>());
        var id = flow["id"]!.GetValue<string>();

        using var wrong = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={id}",
            Form(("csrf_token", CsrfToken(flow)), ("identifier", email), ("password", "wrong password"), ("method", "password")));
        Assert.Equal(HttpStatusCode.SeeOther, wrong.StatusCode);
        Assert.Equal(FlowServerFixture.Ui + $"login?flow={id}", wrong.Headers.Location!.ToString());

        using var ok = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={id}",
            Form(("csrf_token", CsrfToken(flow)), ("identifier", email), ("password", Password), ("method", "password")));
        Assert.Equal(HttpStatusCode.SeeOther, ok.StatusCode);
        Assert.Equal(FlowServerFixture.Ui + "dashboard", ok.Headers.Location!.ToString());
        var session = CookieJar.SetCookie(ok, "ory_kratos_session")!;
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", session, StringComparison.OrdinalIgnoreCase);

        using var whoami = await browser.SendAsync(HttpMethod.Get, "/sessions/whoami", json: true);
        Assert.Equal(HttpStatusCode.OK, whoami.StatusCode);
        Assert.Equal(email, (await Json(whoami))["identity"]!["traits"]!["email"]!.GetValue<string>());

        // Logged in: a new login flow sends the browser back instead.
        using var again = await browser.SendAsync(HttpMethod.Get, "/self-service/login/browser");
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Equal(FlowServerFixture.Ui + "welcome", again.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData(null, "token not sent")]
    [InlineData("forged", "token mismatch")]
    public async Task Submissions_without_the_right_csrf_token_are_refused(string? token, string reason)
    {
        var browser = new Browser(Server);
        using var init = await browser.SendAsync(HttpMethod.Get, "/self-service/login/browser", json: true);
        var id = (await Json(init))["id"]!.GetValue<string>();
        var body = new JsonObject { ["method"] = "password", ["identifier"] = "x@example.com", ["password"] = "y" };
        if (token is not null)
        {
            body["csrf_token"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(token.PadRight(64, 'x')));
        }

        using var refused = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={id}",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), json: true);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var error = (await Json(refused))["error"]!;
        Assert.Equal("security_csrf_violation", error["id"]!.GetValue<string>());
        Assert.Equal(reason, error["details"]!["reject_reason"]!.GetValue<string>());

        // A form post is sent to the error UI, where the error can be read back.
        using var form = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={id}", Form(("method", "password"), ("identifier", "x")));
        Assert.Equal(HttpStatusCode.SeeOther, form.StatusCode);
        var location = form.Headers.Location!.ToString();
        Assert.StartsWith(FlowServerFixture.Ui + "error?id=", location);
        var (status, stored, _) = await Server.Public.GetJsonAsync("/self-service/errors?id=" + location.Split("id=")[1]);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(403, stored!["error"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Spa_registration_answers_json_with_the_session_cookie()
    {
        var browser = new Browser(Server);
        using var init = await browser.SendAsync(HttpMethod.Get, "/self-service/registration/browser", json: true);
        Assert.Equal(HttpStatusCode.OK, init.StatusCode);
        var flow = await Json(init);
        var email = Unique();
        var body = new JsonObject
        {
            ["csrf_token"] = CsrfToken(flow),
            ["method"] = "password",
            ["password"] = Password,
            ["traits.email"] = email, // dotted keys are expanded, as Kratos's own UI helpers send them
        };
        using var done = await browser.SendAsync(HttpMethod.Post, $"/self-service/registration?flow={flow["id"]}",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), json: true);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var result = await Json(done);
        Assert.Equal(email, result["identity"]!["traits"]!["email"]!.GetValue<string>());
        Assert.Null(result["session_token"]);
        Assert.Equal("redirect_browser_to", result["continue_with"]![0]!["action"]!.GetValue<string>());
        Assert.Equal(FlowServerFixture.Ui + "welcome", result["continue_with"]![0]!["redirect_browser_to"]!.GetValue<string>());
        Assert.NotNull(CookieJar.SetCookie(done, "ory_kratos_session"));

        using var whoami = await browser.SendAsync(HttpMethod.Get, "/sessions/whoami", json: true);
        Assert.Equal(HttpStatusCode.OK, whoami.StatusCode);
    }

    [Fact]
    public async Task Registration_form_errors_redirect_with_302_and_return_to_outside_the_allow_list_is_refused()
    {
        var browser = new Browser(Server);
        using var init = await browser.SendAsync(HttpMethod.Get, "/self-service/registration/browser", json: true);
        var flow = await Json(init);
        using var invalid = await browser.SendAsync(HttpMethod.Post, $"/self-service/registration?flow={flow["id"]}",
            Form(("csrf_token", CsrfToken(flow)), ("method", "password"), ("password", Password), ("traits.email", "not-an-email")));
        Assert.Equal(HttpStatusCode.Redirect, invalid.StatusCode);

        using var evil = await browser.SendAsync(HttpMethod.Get, "/self-service/login/browser?return_to=https://evil.example/", json: true);
        Assert.Equal(HttpStatusCode.BadRequest, evil.StatusCode);
        Assert.Equal("self_service_flow_return_to_forbidden", (await Json(evil))["error"]!["id"]!.GetValue<string>());

        using var evilHtml = await browser.SendAsync(HttpMethod.Get, "/self-service/login/browser?return_to=//evil.example/");
        Assert.Equal(HttpStatusCode.SeeOther, evilHtml.StatusCode);
        Assert.StartsWith(FlowServerFixture.Ui + "error?id=", evilHtml.Headers.Location!.ToString());
    }
}

public sealed class BrowserFlowTests_Sqlite(SqliteFlowServerFixture fixture) : BrowserFlowTests(fixture), IClassFixture<SqliteFlowServerFixture>;

public sealed class BrowserFlowTests_Postgres(PostgresFlowServerFixture fixture) : BrowserFlowTests(fixture), IClassFixture<PostgresFlowServerFixture>;
