using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;

namespace Tessera.Tests.Flows.Settings;

/// <summary>Settings in browsers, by form post and as an SPA, with the session and CSRF cookies (FLOWS.md §7.3), on SQLite and PostgreSQL.</summary>
public abstract class BrowserSettingsTests(SettingsServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    async Task<(string Email, SettingsBrowser Browser)> LoggedInAsync()
    {
        var (email, _) = await Server.CreateUserAsync();
        var browser = new SettingsBrowser(Server);
        using var login = await browser.LoginAsync(email);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.True(browser.Jar.Cookies.ContainsKey("ory_kratos_session"));
        return (email, browser);
    }

    static string Location(HttpResponseMessage response) => response.Headers.Location!.ToString();

    [Fact]
    public async Task Without_a_session_html_goes_to_login_and_json_gets_401()
    {
        var browser = new SettingsBrowser(Server);
        using var html = await browser.SendAsync(HttpMethod.Get, "/self-service/settings/browser");
        Assert.Equal(HttpStatusCode.SeeOther, html.StatusCode);
        Assert.Equal(new Uri(Server.PublicUrl, "self-service/login/browser").ToString(), Location(html));

        var returnTo = SettingsServerFixture.Ui + "account";
        using var carried = await browser.SendAsync(HttpMethod.Get, "/self-service/settings/browser?return_to=" + Uri.EscapeDataString(returnTo));
        Assert.Equal(new Uri(Server.PublicUrl, "self-service/login/browser") + "?return_to=" + Uri.EscapeDataString(returnTo), Location(carried));

        var error = await browser.JsonAsync(HttpMethod.Get, "/self-service/settings/browser", HttpStatusCode.Unauthorized);
        Assert.Equal("session_inactive", ErrorId(error));

        using var submit = await browser.SendAsync(HttpMethod.Post, $"/self-service/settings?flow={Guid.NewGuid()}", SettingsBrowser.Form(("method", "password")));
        Assert.Equal(HttpStatusCode.Found, submit.StatusCode);
        Assert.Equal(SettingsServerFixture.Ui + "login", Location(submit));
    }

    [Fact]
    public async Task A_form_post_changes_the_password_and_returns_to_the_settings_ui()
    {
        var (email, browser) = await LoggedInAsync();
        using var init = await browser.SendAsync(HttpMethod.Get, "/self-service/settings/browser");
        Assert.Equal(HttpStatusCode.SeeOther, init.StatusCode);
        Assert.StartsWith(SettingsServerFixture.Ui + "settings?flow=", Location(init));
        var id = Location(init).Split("flow=")[1];

        var flow = await browser.JsonAsync(HttpMethod.Get, $"/self-service/settings/flows?id={id}");
        Assert.Equal("browser", flow["type"]!.GetValue<string>());
        Assert.Equal(email, flow["identity"]!["traits"]!["email"]!.GetValue<string>());
        Assert.Equal(88, CsrfToken(flow).Length);

        using var invalid = await browser.SendAsync(HttpMethod.Post, $"/self-service/settings?flow={id}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("method", "password"), ("password", "short")));
        Assert.Equal(HttpStatusCode.SeeOther, invalid.StatusCode);
        Assert.Equal(SettingsServerFixture.Ui + $"settings?flow={id}", Location(invalid));
        var shown = await browser.JsonAsync(HttpMethod.Get, $"/self-service/settings/flows?id={id}");
        Assert.Equal([4000032], NodeMessageIds(shown, "password"));

        using var saved = await browser.SendAsync(HttpMethod.Post, $"/self-service/settings?flow={id}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("method", "password"), ("password", NewPassword)));
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Equal(SettingsServerFixture.Ui + $"settings?flow={id}", Location(saved));
        Assert.NotNull(CookieJar.SetCookie(saved, "ory_kratos_session"));

        var done = await browser.JsonAsync(HttpMethod.Get, $"/self-service/settings/flows?id={id}");
        Assert.Equal("success", done["state"]!.GetValue<string>());
        Assert.Equal([1050001], GlobalMessageIds(done));
        await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami"); // the re-issued cookie still works
        Assert.Equal(HttpStatusCode.OK, (await Server.NativeLoginAsync(email, NewPassword)).Status);
    }

    [Fact]
    public async Task An_spa_profile_update_answers_the_flow_with_where_to_go_next()
    {
        var (email, browser) = await LoggedInAsync();
        var flow = await browser.SettingsFlowAsync();
        var body = new JsonObject
        {
            ["csrf_token"] = CsrfToken(flow),
            ["method"] = "profile",
            ["traits.email"] = email, // dotted keys, as Kratos's own UI helpers post them
            ["traits.name.first"] = "Ada",
            ["traits.name.last"] = "Lovelace",
        };
        var done = await browser.JsonAsync(HttpMethod.Post, $"/self-service/settings?flow={flow["id"]}", body: body);
        Assert.Equal("success", done["state"]!.GetValue<string>());
        Assert.Equal("Lovelace", done["identity"]!["traits"]!["name"]!["last"]!.GetValue<string>());
        Assert.Equal($$"""[{"action":"redirect_browser_to","redirect_browser_to":"{{SettingsServerFixture.Ui}}settings?flow={{flow["id"]}}"}]""",
            done["continue_with"]!.ToJsonString());

        // With return_to on the init call, success sends the browser there instead.
        var returnTo = SettingsServerFixture.Ui + "account";
        var returning = await browser.SettingsFlowAsync("?return_to=" + Uri.EscapeDataString(returnTo));
        Assert.Equal(returnTo, returning["return_to"]!.GetValue<string>());
        body["csrf_token"] = CsrfToken(returning);
        var back = await browser.JsonAsync(HttpMethod.Post, $"/self-service/settings?flow={returning["id"]}", body: body);
        Assert.Equal(returnTo, back["continue_with"]![0]!["redirect_browser_to"]!.GetValue<string>());

        using var html = await browser.SendAsync(HttpMethod.Post, $"/self-service/settings?flow={returning["id"]}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(returning)), ("method", "profile"), ("traits.email", email)));
        Assert.Equal(HttpStatusCode.SeeOther, html.StatusCode);
        Assert.Equal(returnTo, Location(html));

        var forbidden = await browser.JsonAsync(HttpMethod.Get, "/self-service/settings/browser?return_to=" + Uri.EscapeDataString("https://evil.example/"),
            HttpStatusCode.BadRequest);
        Assert.Equal("self_service_flow_return_to_forbidden", ErrorId(forbidden));
    }

    [Theory]
    [InlineData(null, "token not sent")]
    [InlineData("forged", "token mismatch")]
    public async Task Submissions_without_the_right_csrf_token_are_403(string? token, string reason)
    {
        var (email, browser) = await LoggedInAsync();
        var flow = await browser.SettingsFlowAsync();
        var body = PasswordBody(NewPassword);
        if (token is not null)
        {
            body["csrf_token"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(token.PadRight(64, 'x')));
        }

        var refused = await browser.JsonAsync(HttpMethod.Post, $"/self-service/settings?flow={flow["id"]}", HttpStatusCode.Forbidden, body);
        Assert.Equal("security_csrf_violation", ErrorId(refused));
        Assert.Equal(reason, refused["error"]!["details"]!["reject_reason"]!.GetValue<string>());

        using var form = await browser.SendAsync(HttpMethod.Post, $"/self-service/settings?flow={flow["id"]}",
            SettingsBrowser.Form(("method", "profile"), ("traits.email", HttpJson.Unique())));
        Assert.Equal(HttpStatusCode.SeeOther, form.StatusCode);
        Assert.StartsWith(SettingsServerFixture.Ui + "error?id=", Location(form));
        Assert.Equal(HttpStatusCode.OK, (await Server.NativeLoginAsync(email, Password)).Status);
    }

    [Fact]
    public async Task Another_identitys_browser_flow_is_403()
    {
        var (_, owner) = await LoggedInAsync();
        var (_, other) = await LoggedInAsync();
        var flow = await owner.SettingsFlowAsync();
        var error = await other.JsonAsync(HttpMethod.Get, $"/self-service/settings/flows?id={flow["id"]}", HttpStatusCode.Forbidden);
        Assert.Equal("security_identity_mismatch", ErrorId(error));
    }

    [Fact]
    public async Task An_old_login_is_sent_to_a_refreshing_login_and_the_change_applies_on_return()
    {
        var (email, browser) = await LoggedInAsync();
        var flow = await browser.SettingsFlowAsync();
        var id = flow["id"]!.GetValue<string>();
        fixture.Time.Advance(SettingsServerFixture.PrivilegedSessionMaxAge + TimeSpan.FromMinutes(1));

        var back = new Uri(Server.PublicUrl, $"self-service/settings?flow={id}").ToString();
        var login = new Uri(Server.PublicUrl, "self-service/login/browser") + "?refresh=true&return_to=" + Uri.EscapeDataString(back);
        var spa = await browser.JsonAsync(HttpMethod.Post, $"/self-service/settings?flow={id}", HttpStatusCode.Forbidden,
            new JsonObject { ["csrf_token"] = CsrfToken(flow), ["method"] = "password", ["password"] = NewPassword });
        Assert.Equal("session_refresh_required", ErrorId(spa));
        Assert.Equal(login, spa["redirect_browser_to"]!.GetValue<string>());

        using var form = await browser.SendAsync(HttpMethod.Post, $"/self-service/settings?flow={id}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("method", "password"), ("password", NewPassword)));
        Assert.Equal(HttpStatusCode.SeeOther, form.StatusCode);
        Assert.Equal(login, Location(form));
        var parked = CookieJar.SetCookie(form, "ory_kratos_continuity")!;
        Assert.Contains("max-age=900", parked, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", parked, StringComparison.OrdinalIgnoreCase);

        // The refreshing login (identifier prefilled) sends the browser back to the settings flow ...
        var loginFlow = await browser.JsonAsync(HttpMethod.Get, new Uri(login).PathAndQuery);
        Assert.True(loginFlow["refresh"]!.GetValue<bool>());
        Assert.Equal(back, loginFlow["return_to"]!.GetValue<string>());
        using var relogin = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={loginFlow["id"]}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(loginFlow)), ("identifier", email), ("password", Password), ("method", "password")));
        Assert.Equal(HttpStatusCode.SeeOther, relogin.StatusCode);
        Assert.Equal(back, Location(relogin));

        // ... where the parked change is applied and the browser goes on to the settings UI.
        using var resumed = await browser.SendAsync(HttpMethod.Get, new Uri(back).PathAndQuery);
        Assert.Equal(HttpStatusCode.SeeOther, resumed.StatusCode);
        Assert.Equal(SettingsServerFixture.Ui + $"settings?flow={id}", Location(resumed));
        Assert.False(browser.Jar.Cookies.ContainsKey("ory_kratos_continuity"));
        var done = await browser.JsonAsync(HttpMethod.Get, $"/self-service/settings/flows?id={id}");
        Assert.Equal("success", done["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Server.NativeLoginAsync(email, NewPassword)).Status);

        // Coming back without a parked change shows the flow again with "no strategy" (Kratos's answer to a bare GET).
        using var bare = await browser.SendAsync(HttpMethod.Get, new Uri(back).PathAndQuery);
        Assert.Equal(HttpStatusCode.SeeOther, bare.StatusCode);
        var again = await browser.JsonAsync(HttpMethod.Get, $"/self-service/settings/flows?id={id}");
        Assert.Equal([4010004], GlobalMessageIds(again));
    }

    [Fact]
    public async Task Change_password_well_known_url_leads_to_the_settings_ui()
    {
        using var response = await Server.Public.GetAsync("/.well-known/change-password");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(SettingsServerFixture.Ui + "settings", Location(response));
    }
}

public sealed class BrowserSettingsTests_Sqlite(SqliteSettingsServerFixture fixture) : BrowserSettingsTests(fixture), IClassFixture<SqliteSettingsServerFixture>;

public sealed class BrowserSettingsTests_Postgres(PostgresSettingsServerFixture fixture) : BrowserSettingsTests(fixture), IClassFixture<PostgresSettingsServerFixture>;
