using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Strategies.CodeMethod.CodeHttp;

namespace Tessera.Tests.Strategies.CodeMethod;

/// <summary>A code as the second factor in browsers: form posts (the address button posts no method) and an SPA, on SQLite and PostgreSQL.</summary>
public abstract class CodeMfaBrowserTests(CodeServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    async Task<(SettingsBrowser Browser, string Email, JsonNode Flow)> Aal2FlowAsync()
    {
        var (email, _) = await Server.CreateUserWithBackupCodesAsync();
        var browser = new SettingsBrowser(Server);
        using var login = await browser.LoginAsync(email);
        Assert.NotNull(CookieJar.SetCookie(login, "ory_kratos_session"));
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser?aal=aal2");
        Assert.Equal(1010023, LabelId(flow, "address", email));
        return (browser, email, flow);
    }

    [Fact]
    public async Task Form_posts_send_the_code_from_the_address_button_and_step_up_to_the_return_url()
    {
        var (browser, email, flow) = await Aal2FlowAsync();
        var id = flow["id"]!.GetValue<string>();

        using var sent = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={id}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("address", email)));
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal(CodeServerFixture.Ui + "login?flow=" + id, sent.Headers.Location!.ToString());
        var form = await browser.JsonAsync(HttpMethod.Get, $"/self-service/login/flows?id={id}");
        Assert.Equal(("sent_email", "hidden"), (form["state"]!.GetValue<string>(), Node(form, "identifier")!["attributes"]!["type"]!.GetValue<string>()));

        // What the sent form posts when "Continue" is pressed: its hidden inputs, the code and the clicked button.
        var code = await fixture.Smtp.CodeAsync(email);
        using var done = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={id}", SettingsBrowser.Form(
            ("csrf_token", CsrfToken(form)), ("identifier", email), ("method", "code"), ("code", code)));
        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        Assert.Equal(CodeServerFixture.Ui + "welcome", done.Headers.Location!.ToString());
        var session = await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami");
        Assert.Equal("aal2", session["authenticator_assurance_level"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_single_address_gets_its_code_when_the_browser_opens_the_aal2_flow()
    {
        var (email, _) = await Server.CreateUserAsync();
        var browser = new SettingsBrowser(Server);
        using var login = await browser.LoginAsync(email);

        using var opened = await browser.SendAsync(HttpMethod.Get, "/self-service/login/browser?aal=aal2");
        Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
        var id = System.Web.HttpUtility.ParseQueryString(opened.Headers.Location!.Query)["flow"]!;
        var form = await browser.JsonAsync(HttpMethod.Get, $"/self-service/login/flows?id={id}");
        Assert.Equal("sent_email", form["state"]!.GetValue<string>());
        Assert.Equal(email, Node(form, "identifier")!["attributes"]!["value"]!.GetValue<string>());

        using var done = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={id}", SettingsBrowser.Form(
            ("csrf_token", CsrfToken(form)), ("identifier", email), ("method", "code"), ("code", await fixture.Smtp.CodeAsync(email))));
        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        var session = await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami");
        Assert.Equal("aal2", session["authenticator_assurance_level"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_spa_gets_the_sent_flow_as_json_and_then_the_aal2_session()
    {
        var (browser, email, flow) = await Aal2FlowAsync();
        var path = $"/self-service/login?flow={flow["id"]}";
        var sent = await browser.JsonAsync(HttpMethod.Post, path, HttpStatusCode.BadRequest,
            new JsonObject { ["csrf_token"] = CsrfToken(flow), ["method"] = "code", ["address"] = email });
        Assert.Equal([1010025], GlobalMessageIds(sent));

        var wrong = await browser.JsonAsync(HttpMethod.Post, path, HttpStatusCode.BadRequest,
            new JsonObject { ["csrf_token"] = CsrfToken(sent), ["method"] = "code", ["address"] = email, ["code"] = Other(await fixture.Smtp.CodeAsync(email)) });
        Assert.Equal([4010008], GlobalMessageIds(wrong));

        var done = await browser.JsonAsync(HttpMethod.Post, path, HttpStatusCode.OK,
            new JsonObject { ["csrf_token"] = CsrfToken(wrong), ["method"] = "code", ["address"] = email, ["code"] = await fixture.Smtp.CodeAsync(email) });
        Assert.Equal("aal2", done["session"]!["authenticator_assurance_level"]!.GetValue<string>());
        Assert.Equal(CodeServerFixture.Ui + "welcome", done["continue_with"]![0]!["redirect_browser_to"]!.GetValue<string>());
    }
}

public sealed class CodeMfaBrowserTests_Sqlite(SqliteCodeMfaServerFixture fixture) : CodeMfaBrowserTests(fixture), IClassFixture<SqliteCodeMfaServerFixture>;

public sealed class CodeMfaBrowserTests_Postgres(PostgresCodeMfaServerFixture fixture) : CodeMfaBrowserTests(fixture), IClassFixture<PostgresCodeMfaServerFixture>;
