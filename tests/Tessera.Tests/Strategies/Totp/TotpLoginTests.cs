using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Strategies.Totp.TotpHttp;

namespace Tessera.Tests.Strategies.Totp;

/// <summary>TOTP as the second factor (API.md §5.1, §10.4; FLOWS.md §4), for api, browser and SPA clients, on SQLite and PostgreSQL.</summary>
public abstract class TotpLoginTests(TotpServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    string StepUpUrl => new Uri(Server.PublicUrl, "self-service/login/browser") + "?aal=aal2";

    [Fact]
    public async Task Api_first_factor_gets_a_token_without_the_identity_whoami_wants_aal2_and_totp_steps_the_same_session_up()
    {
        var (email, _, secret) = await Server.UserWithTotpAsync(fixture.Time);

        var (status, login) = await Server.NativeLoginAsync(email, SettingsHttp.Password);
        Assert.Equal(HttpStatusCode.OK, status);
        var token = login!["session_token"]!.GetValue<string>();
        Assert.Equal("aal1", login["session"]!["authenticator_assurance_level"]!.GetValue<string>());
        Assert.True(login["session"]!.AsObject().ContainsKey("identity"));
        Assert.Null(login["session"]!["identity"]);

        var (denied, error, _) = await Server.SendAsync(HttpMethod.Get, "/sessions/whoami", token);
        Assert.Equal(HttpStatusCode.Forbidden, denied);
        Assert.Equal("session_aal2_required", ErrorId(error));
        Assert.Equal(StepUpUrl, error!["redirect_browser_to"]!.GetValue<string>());

        var (_, flow, _) = await Server.SendAsync(HttpMethod.Get, "/self-service/login/api?aal=aal2", token);
        Assert.Equal("aal2", flow!["requested_aal"]!.GetValue<string>());
        Assert.Equal([1010004], GlobalMessageIds(flow));
        Assert.Equal(1010006, Node(flow, "totp_code")!["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.Equal(1010009, Node(flow, "method", "totp")!["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.Null(Node(flow, "password"));

        var wrongCode = Code(secret, fixture.Time) == "000000" ? "111111" : "000000";
        var (wrong, wrongBody, _) = await Server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow["id"]}", token,
            new JsonObject { ["method"] = "totp", ["totp_code"] = wrongCode });
        Assert.Equal(HttpStatusCode.BadRequest, wrong);
        Assert.Equal([4000008], GlobalMessageIds(wrongBody!));

        var (ok, stepped, _) = await Server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow["id"]}", token,
            new JsonObject { ["method"] = "totp", ["totp_code"] = Code(secret, fixture.Time) });
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(token, stepped!["session_token"]!.GetValue<string>());
        Assert.Equal(login["session"]!["id"]!.GetValue<string>(), stepped["session"]!["id"]!.GetValue<string>());
        Assert.Equal("aal2", stepped["session"]!["authenticator_assurance_level"]!.GetValue<string>());
        Assert.Equal(email, stepped["session"]!["identity"]!["traits"]!["email"]!.GetValue<string>());
        Assert.Equal(["password", "totp"], stepped["session"]!["authentication_methods"]!.AsArray().Select(m => m!["method"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, await Server.WhoamiAsync(token));
    }

    [Fact]
    public async Task Browser_first_factor_is_sent_to_the_aal2_login_and_a_totp_form_post_completes_it()
    {
        var (email, _, secret) = await Server.UserWithTotpAsync(fixture.Time);
        var browser = new SettingsBrowser(Server);
        var returnTo = SettingsServerFixture.Ui + "account";
        var first = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser?return_to=" + Uri.EscapeDataString(returnTo));
        using var login = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={first["id"]}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(first)), ("identifier", email), ("password", SettingsHttp.Password), ("method", "password")));
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal(StepUpUrl + "&return_to=" + Uri.EscapeDataString(returnTo), login.Headers.Location!.ToString());
        Assert.NotNull(CookieJar.SetCookie(login, "ory_kratos_session"));
        var denied = await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami", HttpStatusCode.Forbidden);
        Assert.Equal("session_aal2_required", ErrorId(denied));

        using var init = await browser.SendAsync(HttpMethod.Get, new Uri(login.Headers.Location!.ToString()).PathAndQuery);
        Assert.Equal(HttpStatusCode.SeeOther, init.StatusCode);
        var id = init.Headers.Location!.ToString().Split("flow=")[1];
        var flow = await browser.JsonAsync(HttpMethod.Get, $"/self-service/login/flows?id={id}");
        Assert.Equal([1010004], GlobalMessageIds(flow));

        using var done = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={id}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("totp_code", Code(secret, fixture.Time)), ("method", "totp")));
        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        Assert.Equal(returnTo, done.Headers.Location!.ToString());
        var session = await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami");
        Assert.Equal("aal2", session["authenticator_assurance_level"]!.GetValue<string>());
    }

    [Fact]
    public async Task Spa_first_factor_answers_422_with_the_aal2_login_and_a_json_totp_submission_completes_it()
    {
        var (email, _, secret) = await Server.UserWithTotpAsync(fixture.Time);
        var browser = new SettingsBrowser(Server);
        var first = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser");
        var change = await browser.JsonAsync(HttpMethod.Post, $"/self-service/login?flow={first["id"]}", (HttpStatusCode)422,
            new JsonObject { ["csrf_token"] = CsrfToken(first), ["identifier"] = email, ["password"] = SettingsHttp.Password, ["method"] = "password" });
        Assert.Equal("browser_location_change_required", ErrorId(change));
        Assert.Equal(StepUpUrl, change["redirect_browser_to"]!.GetValue<string>());
        Assert.True(browser.Jar.Cookies.ContainsKey("ory_kratos_session"));

        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser?aal=aal2");
        Assert.NotNull(Node(flow, "totp_code"));
        var done = await browser.JsonAsync(HttpMethod.Post, $"/self-service/login?flow={flow["id"]}", HttpStatusCode.OK,
            new JsonObject { ["csrf_token"] = CsrfToken(flow), ["totp_code"] = Code(secret, fixture.Time), ["method"] = "totp" });
        Assert.Equal("aal2", done["session"]!["authenticator_assurance_level"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(HttpMethod.Get, "/sessions/whoami", json: true)).StatusCode);
    }

    [Fact]
    public async Task The_same_code_is_refused_the_second_time()
    {
        var (email, _, secret) = await Server.UserWithTotpAsync(fixture.Time);
        var code = Code(secret, fixture.Time);

        Assert.Equal(HttpStatusCode.OK, (await Server.StepUpAsync(await Server.NativeTokenAsync(email), code)).Status);
        var (again, body) = await Server.StepUpAsync(await Server.NativeTokenAsync(email), code);
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Equal([4000008], GlobalMessageIds(body!));

        // An older code (one step back, within the drift window) is no better once a later step was used.
        fixture.Time.Advance(TimeSpan.FromSeconds(30));
        var (older, _) = await Server.StepUpAsync(await Server.NativeTokenAsync(email), code);
        Assert.Equal(HttpStatusCode.BadRequest, older);
        Assert.Equal(HttpStatusCode.OK, (await Server.StepUpAsync(await Server.NativeTokenAsync(email), Code(secret, fixture.Time))).Status);
    }

    [Fact]
    public async Task Two_concurrent_logins_with_one_code_let_exactly_one_through()
    {
        var (email, _, secret) = await Server.UserWithTotpAsync(fixture.Time);
        var code = Code(secret, fixture.Time);
        var tokens = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            tokens.Add(await Server.NativeTokenAsync(email));
        }

        var results = await Task.WhenAll(tokens.Select(t => Server.StepUpAsync(t, code)));
        Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.Equal(3, results.Count(r => r.Status == HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_code_from_the_previous_time_step_is_accepted()
    {
        var (email, _, secret) = await Server.UserWithTotpAsync(fixture.Time);
        fixture.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, (await Server.StepUpAsync(await Server.NativeTokenAsync(email), Code(secret, fixture.Time, -1))).Status);
        var (tooOld, _) = await Server.StepUpAsync(await Server.NativeTokenAsync(email), Code(secret, fixture.Time, -3));
        Assert.Equal(HttpStatusCode.BadRequest, tooOld);
    }

    [Fact]
    public async Task An_aal2_flow_for_an_identity_without_a_second_factor_offers_nothing_and_totp_answers_4000011()
    {
        var (email, _) = await Server.CreateUserAsync();
        var token = await Server.NativeTokenAsync(email);
        Assert.Equal(HttpStatusCode.OK, await Server.WhoamiAsync(token));

        var (_, flow, _) = await Server.SendAsync(HttpMethod.Get, "/self-service/login/api?aal=aal2", token);
        Assert.Equal([1010004], GlobalMessageIds(flow!));
        Assert.Null(Node(flow!, "totp_code"));

        var (status, body, _) = await Server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow!["id"]}", token,
            new JsonObject { ["method"] = "totp", ["totp_code"] = "123456" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4000011], GlobalMessageIds(body!));
    }

    [Fact]
    public async Task Totp_is_not_a_first_factor_and_a_missing_code_is_required()
    {
        var (email, _, _) = await Server.UserWithTotpAsync(fixture.Time);
        var (_, flow, _) = await Server.SendAsync(HttpMethod.Get, "/self-service/login/api", null);
        Assert.Null(Node(flow!, "totp_code"));
        var (status, body, _) = await Server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow!["id"]}", null,
            new JsonObject { ["method"] = "totp", ["totp_code"] = "123456" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4010002], GlobalMessageIds(body!));

        var token = await Server.NativeTokenAsync(email);
        var (_, aal2, _) = await Server.SendAsync(HttpMethod.Get, "/self-service/login/api?aal=aal2", token);
        var (missing, missingBody, _) = await Server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={aal2!["id"]}", token,
            new JsonObject { ["method"] = "totp" });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal([4000002], NodeMessageIds(missingBody!, "totp_code"));
    }

    [Fact]
    public async Task With_required_aal1_a_first_factor_login_is_complete()
    {
        var server = await fixture.StartAnotherAsync(c => c["session"] = new JsonObject { ["whoami"] = new JsonObject { ["required_aal"] = "aal1" } });
        var (email, _) = await server.CreateUserAsync();
        await server.EnrolAsync(await server.NativeTokenAsync(email), fixture.Time);

        var (status, login) = await server.NativeLoginAsync(email, SettingsHttp.Password);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(email, login!["session"]!["identity"]!["traits"]!["email"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, await server.WhoamiAsync(login["session_token"]!.GetValue<string>()));
    }
}

public sealed class TotpLoginTests_Sqlite(SqliteTotpServerFixture fixture) : TotpLoginTests(fixture), IClassFixture<SqliteTotpServerFixture>;

public sealed class TotpLoginTests_Postgres(PostgresTotpServerFixture fixture) : TotpLoginTests(fixture), IClassFixture<PostgresTotpServerFixture>;
