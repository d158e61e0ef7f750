using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Recovery.RecoveryHttp;
using static Tessera.Tests.Flows.Settings.SettingsHttp;

namespace Tessera.Tests.Flows.Recovery;

/// <summary>Recovery by code in browsers, by form post and as an SPA (FLOWS.md §8.2), on SQLite and PostgreSQL.</summary>
public abstract class BrowserRecoveryTests(CodeFlowServerFixture fixture)
{
    const string Ui = CodeFlowServerFixture.Ui;

    TesseraServer Server => fixture.Require();

    static string Location(HttpResponseMessage response) => response.Headers.Location!.ToString();

    static string FlowId(HttpResponseMessage response) => Location(response).Split("flow=")[1];

    [Fact]
    public async Task Form_posts_send_the_code_then_log_in_and_land_on_the_settings_ui()
    {
        var (email, _) = await Server.CreateUserAsync();
        var browser = new SettingsBrowser(Server);
        using var init = await browser.SendAsync(HttpMethod.Get, "/self-service/recovery/browser");
        Assert.Equal(HttpStatusCode.SeeOther, init.StatusCode);
        Assert.StartsWith(Ui + "recovery?flow=", Location(init));
        var id = FlowId(init);
        var flow = await browser.JsonAsync(HttpMethod.Get, $"/self-service/recovery/flows?id={id}");
        Assert.Equal("browser", flow["type"]!.GetValue<string>());
        Assert.Equal(88, CsrfToken(flow).Length);

        using var sent = await browser.SendAsync(HttpMethod.Post, $"/self-service/recovery?flow={id}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("email", email), ("method", "code")));
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal(Ui + "recovery?flow=" + id, Location(sent));
        flow = await browser.JsonAsync(HttpMethod.Get, $"/self-service/recovery/flows?id={id}");
        Assert.Equal("sent_email", flow["state"]!.GetValue<string>());
        Assert.Equal([1060003], GlobalMessageIds(flow));

        var code = CodeMail.Code(await fixture.Smtp.MailAsync(email));
        var csrfBefore = browser.Jar.Cookies.Single(c => c.Key.StartsWith("csrf_token_", StringComparison.Ordinal)).Value;
        using var wrong = await browser.SendAsync(HttpMethod.Post, $"/self-service/recovery?flow={id}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("code", code == "000000" ? "000001" : "000000"), ("method", "code")));
        Assert.Equal(Ui + "recovery?flow=" + id, Location(wrong));
        var wrongFlow = await browser.JsonAsync(HttpMethod.Get, $"/self-service/recovery/flows?id={id}");
        Assert.Equal([4060006], GlobalMessageIds(wrongFlow));

        using var done = await browser.SendAsync(HttpMethod.Post, $"/self-service/recovery?flow={id}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("code", code), ("method", "code")));
        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        Assert.StartsWith(Ui + "settings?flow=", Location(done));
        Assert.NotNull(CookieJar.SetCookie(done, "ory_kratos_session"));
        Assert.NotEqual(csrfBefore, browser.Jar.Cookies.Single(c => c.Key.StartsWith("csrf_token_", StringComparison.Ordinal)).Value);

        var settings = await browser.JsonAsync(HttpMethod.Get, $"/self-service/settings/flows?id={FlowId(done)}");
        Assert.Equal("browser", settings["type"]!.GetValue<string>());
        Assert.Equal([1060001], GlobalMessageIds(settings));
        var whoami = await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami");
        Assert.Equal("code_recovery", whoami["authentication_methods"]![0]!["method"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_spa_gets_the_flow_with_show_settings_ui_and_the_session_cookie()
    {
        var (email, _) = await Server.CreateUserAsync();
        var browser = new SettingsBrowser(Server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/recovery/browser");
        var sent = await browser.JsonAsync(HttpMethod.Post, $"/self-service/recovery?flow={flow["id"]}",
            body: new JsonObject { ["csrf_token"] = CsrfToken(flow), ["email"] = email, ["method"] = "code" });
        Assert.Equal("sent_email", sent["state"]!.GetValue<string>());

        var code = CodeMail.Code(await fixture.Smtp.MailAsync(email));
        using var response = await browser.SendAsync(HttpMethod.Post, $"/self-service/recovery?flow={flow["id"]}",
            JsonContent(new JsonObject { ["csrf_token"] = CsrfToken(sent), ["code"] = code, ["method"] = "code" }), json: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(CookieJar.SetCookie(response, "ory_kratos_session"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("passed_challenge", body["state"]!.GetValue<string>());
        var next = body["continue_with"]!.AsArray().Single()!;
        Assert.Equal("show_settings_ui", next["action"]!.GetValue<string>());
        Assert.StartsWith(Ui + "settings?flow=", next["flow"]!["url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(HttpMethod.Get, "/sessions/whoami", json: true)).StatusCode);
    }

    [Fact]
    public async Task Browsers_need_the_csrf_token_and_a_logged_in_browser_is_sent_on()
    {
        var browser = new SettingsBrowser(Server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/recovery/browser");
        var refused = await browser.JsonAsync(HttpMethod.Post, $"/self-service/recovery?flow={flow["id"]}", HttpStatusCode.Forbidden,
            new JsonObject { ["email"] = "a@example.com", ["method"] = "code" });
        Assert.Equal("security_csrf_violation", ErrorId(refused));
        await browser.JsonAsync(HttpMethod.Get, $"/self-service/recovery/flows?id={flow["id"]}");
        var stranger = new SettingsBrowser(Server);
        Assert.Equal("security_csrf_violation", ErrorId(await stranger.JsonAsync(HttpMethod.Get, $"/self-service/recovery/flows?id={flow["id"]}",
            HttpStatusCode.Forbidden)));

        var (email, _) = await Server.CreateUserAsync();
        var loggedIn = new SettingsBrowser(Server);
        await loggedIn.LoginAsync(email);
        using var html = await loggedIn.SendAsync(HttpMethod.Get, "/self-service/recovery/browser");
        Assert.Equal(HttpStatusCode.Found, html.StatusCode);
        Assert.Equal(Ui + "welcome", Location(html));
        Assert.Equal("session_already_available", ErrorId(await loggedIn.JsonAsync(HttpMethod.Get, "/self-service/recovery/browser", HttpStatusCode.BadRequest)));
    }

    static StringContent JsonContent(JsonObject body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}

public sealed class BrowserRecoveryTests_Sqlite(SqliteCodeFlowServerFixture fixture) : BrowserRecoveryTests(fixture), IClassFixture<SqliteCodeFlowServerFixture>;

public sealed class BrowserRecoveryTests_Postgres(PostgresCodeFlowServerFixture fixture) : BrowserRecoveryTests(fixture), IClassFixture<PostgresCodeFlowServerFixture>;
