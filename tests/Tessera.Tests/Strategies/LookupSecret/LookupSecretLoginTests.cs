using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Strategies.LookupSecret.LookupSecretHttp;

namespace Tessera.Tests.Strategies.LookupSecret;

/// <summary>Backup codes as the second factor (API.md §6.5, FLOWS.md §7.6), for api, browser and SPA clients, on SQLite and PostgreSQL.</summary>
public abstract class LookupSecretLoginTests(LookupSecretServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    string StepUpUrl => new Uri(Server.PublicUrl, "self-service/login/browser") + "?aal=aal2";

    [Fact]
    public async Task Api_first_factor_then_a_code_steps_the_session_up_and_the_code_shows_as_used()
    {
        var (email, _, codes) = await Server.UserWithCodesAsync();

        var (status, login) = await Server.NativeLoginAsync(email, SettingsHttp.Password);
        Assert.Equal(HttpStatusCode.OK, status);
        var token = login!["session_token"]!.GetValue<string>();
        Assert.Equal("aal1", login["session"]!["authenticator_assurance_level"]!.GetValue<string>());
        var (denied, error, _) = await Server.SendAsync(HttpMethod.Get, "/sessions/whoami", token);
        Assert.Equal(HttpStatusCode.Forbidden, denied);
        Assert.Equal("session_aal2_required", ErrorId(error));

        var (_, flow, _) = await Server.SendAsync(HttpMethod.Get, "/self-service/login/api?aal=aal2", token);
        Assert.Equal([1010004], GlobalMessageIds(flow!));
        var field = Node(flow!, "lookup_secret")!;
        Assert.Equal("lookup_secret", field["group"]!.GetValue<string>());
        Assert.Equal("text", field["attributes"]!["type"]!.GetValue<string>());
        Assert.True(field["attributes"]!["required"]!.GetValue<bool>());
        Assert.Equal(1010007, field["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.Equal(1010010, Node(flow!, "method", "lookup_secret")!["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.Null(Node(flow!, "password"));

        var (wrong, wrongBody, _) = await Server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow!["id"]}", token,
            new JsonObject { ["method"] = "lookup_secret", ["lookup_secret"] = "notacode" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong);
        Assert.Equal([4000016], GlobalMessageIds(wrongBody!));
        Assert.Equal("", Node(wrongBody!, "lookup_secret")!["attributes"]!["value"]!.GetValue<string>());

        var (ok, stepped, _) = await Server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow["id"]}", token,
            new JsonObject { ["method"] = "lookup_secret", ["lookup_secret"] = codes[3] });
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(token, stepped!["session_token"]!.GetValue<string>());
        Assert.Equal("aal2", stepped["session"]!["authenticator_assurance_level"]!.GetValue<string>());
        Assert.Equal(["password", "lookup_secret"], stepped["session"]!["authentication_methods"]!.AsArray().Select(m => m!["method"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, await Server.WhoamiAsync(token));

        // The same code the second time: 4000012; reveal shows it as used (1050014, "used" in the list's text).
        var (again, againBody) = await Server.StepUpAsync(await Server.NativeTokenAsync(email), codes[3]);
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Equal([4000012], GlobalMessageIds(againBody!));

        var settings = await Server.NativeSettingsFlowAsync(token);
        var (_, revealed, _) = await Server.SubmitAsync(settings, token, new JsonObject { ["lookup_secret_reveal"] = true });
        var secrets = Secrets(revealed!);
        Assert.Equal(12, secrets.Count);
        var used = secrets[3]!;
        Assert.Equal(1050014, used["id"]!.GetValue<long>());
        var usedAt = fixture.Time.GetUtcNow();
        var expected = new DateTimeOffset(usedAt.Year, usedAt.Month, usedAt.Day, usedAt.Hour, usedAt.Minute, usedAt.Second, TimeSpan.Zero);
        Assert.Equal("Secret was used at " + expected.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " +0000 UTC",
            used["text"]!.GetValue<string>());
        Assert.Equal(expected.ToUnixTimeSeconds(), used["context"]!["used_at_unix"]!.GetValue<long>());
        Assert.Equal(codes.Where((_, i) => i != 3), Codes(revealed!));
        Assert.Contains("used", ById(revealed!, "lookup_secret_codes")!["attributes"]!["text"]!["text"]!.GetValue<string>().Split(", "));

        // The admin API shows the codes and when the used one was used.
        var (_, identity, _) = await Server.Admin.GetJsonAsync($"/admin/identities/{stepped["session"]!["identity"]!["id"]}?include_credential=lookup_secret");
        var shown = identity!["credentials"]!["lookup_secret"]!["config"]!["recovery_codes"]!.AsArray();
        Assert.Equal(codes, shown.Select(c => c!["code"]!.GetValue<string>()));
        Assert.Equal(codes[3], Assert.Single(shown, c => c!["used_at"] is not null)!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Browser_first_factor_is_sent_to_the_aal2_login_and_a_code_form_post_completes_it()
    {
        var (email, _, codes) = await Server.UserWithCodesAsync();
        var browser = new SettingsBrowser(Server);
        var returnTo = SettingsServerFixture.Ui + "account";
        var first = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser?return_to=" + Uri.EscapeDataString(returnTo));
        using var login = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={first["id"]}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(first)), ("identifier", email), ("password", SettingsHttp.Password), ("method", "password")));
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal(StepUpUrl + "&return_to=" + Uri.EscapeDataString(returnTo), login.Headers.Location!.ToString());

        using var init = await browser.SendAsync(HttpMethod.Get, new Uri(login.Headers.Location!.ToString()).PathAndQuery);
        Assert.Equal(HttpStatusCode.SeeOther, init.StatusCode);
        var id = init.Headers.Location!.ToString().Split("flow=")[1];
        var flow = await browser.JsonAsync(HttpMethod.Get, $"/self-service/login/flows?id={id}");
        Assert.NotNull(Node(flow, "lookup_secret"));

        using var used = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={id}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("lookup_secret", "wrong123"), ("method", "lookup_secret")));
        Assert.Equal(HttpStatusCode.SeeOther, used.StatusCode);
        Assert.Equal(SettingsServerFixture.Ui + $"login?flow={id}", used.Headers.Location!.ToString());
        var refused = await browser.JsonAsync(HttpMethod.Get, $"/self-service/login/flows?id={id}");
        Assert.Equal([4000016], GlobalMessageIds(refused));

        using var done = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={id}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("lookup_secret", codes[0]), ("method", "lookup_secret")));
        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        Assert.Equal(returnTo, done.Headers.Location!.ToString());
        var session = await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami");
        Assert.Equal("aal2", session["authenticator_assurance_level"]!.GetValue<string>());
    }

    [Fact]
    public async Task Spa_first_factor_answers_422_and_a_json_code_submission_completes_it_once()
    {
        var (email, _, codes) = await Server.UserWithCodesAsync();
        var browser = new SettingsBrowser(Server);
        var first = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser");
        var change = await browser.JsonAsync(HttpMethod.Post, $"/self-service/login?flow={first["id"]}", (HttpStatusCode)422,
            new JsonObject { ["csrf_token"] = CsrfToken(first), ["identifier"] = email, ["password"] = SettingsHttp.Password, ["method"] = "password" });
        Assert.Equal(StepUpUrl, change["redirect_browser_to"]!.GetValue<string>());

        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser?aal=aal2");
        var done = await browser.JsonAsync(HttpMethod.Post, $"/self-service/login?flow={flow["id"]}", HttpStatusCode.OK,
            new JsonObject { ["csrf_token"] = CsrfToken(flow), ["lookup_secret"] = codes[5], ["method"] = "lookup_secret" });
        Assert.Equal("aal2", done["session"]!["authenticator_assurance_level"]!.GetValue<string>());

        var other = new SettingsBrowser(Server);
        var again = await other.JsonAsync(HttpMethod.Get, "/self-service/login/browser");
        await other.JsonAsync(HttpMethod.Post, $"/self-service/login?flow={again["id"]}", (HttpStatusCode)422,
            new JsonObject { ["csrf_token"] = CsrfToken(again), ["identifier"] = email, ["password"] = SettingsHttp.Password, ["method"] = "password" });
        var stepUp = await other.JsonAsync(HttpMethod.Get, "/self-service/login/browser?aal=aal2");
        var refused = await other.JsonAsync(HttpMethod.Post, $"/self-service/login?flow={stepUp["id"]}", HttpStatusCode.BadRequest,
            new JsonObject { ["csrf_token"] = CsrfToken(stepUp), ["lookup_secret"] = codes[5], ["method"] = "lookup_secret" });
        Assert.Equal([4000012], GlobalMessageIds(refused));
    }

    [Fact]
    public async Task Concurrent_logins_with_one_code_let_exactly_one_through()
    {
        var (email, _, codes) = await Server.UserWithCodesAsync();
        // Sessions and aal2 flows first, so that only the submissions race.
        var attempts = new List<(string Token, string Flow)>();
        for (var i = 0; i < 8; i++)
        {
            var token = await Server.NativeTokenAsync(email);
            var (_, flow, _) = await Server.SendAsync(HttpMethod.Get, "/self-service/login/api?aal=aal2", token);
            attempts.Add((token, flow!["id"]!.GetValue<string>()));
        }

        using var start = new SemaphoreSlim(0);
        var racing = attempts.Select(async a =>
        {
            await start.WaitAsync();
            var (status, body, _) = await Server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={a.Flow}", a.Token,
                new JsonObject { ["method"] = "lookup_secret", ["lookup_secret"] = codes[7] });
            return (Status: status, Body: body);
        }).ToList();
        start.Release(attempts.Count);
        var results = await Task.WhenAll(racing);
        Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.OK), r =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.Status);
            Assert.Equal([4000012], GlobalMessageIds(r.Body!));
        });
    }

    [Fact]
    public async Task Concurrent_logins_with_different_codes_all_pass_and_all_are_marked_used()
    {
        var (email, _, codes) = await Server.UserWithCodesAsync();
        var tokens = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            tokens.Add(await Server.NativeTokenAsync(email));
        }

        var results = await Task.WhenAll(tokens.Select((t, i) => Server.StepUpAsync(t, codes[i])));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        foreach (var code in codes.Take(4))
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await Server.StepUpAsync(await Server.NativeTokenAsync(email), code)).Status);
        }
    }

    [Fact]
    public async Task An_identity_without_codes_gets_no_field_and_4000014()
    {
        var (email, _) = await Server.CreateUserAsync();
        var token = await Server.NativeTokenAsync(email);
        var (_, flow, _) = await Server.SendAsync(HttpMethod.Get, "/self-service/login/api?aal=aal2", token);
        Assert.Null(Node(flow!, "lookup_secret"));

        var (status, body, _) = await Server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow!["id"]}", token,
            new JsonObject { ["method"] = "lookup_secret", ["lookup_secret"] = "abcd1234" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4000014], GlobalMessageIds(body!));
    }

    [Fact]
    public async Task Codes_are_not_a_first_factor_and_a_missing_code_is_required()
    {
        var (email, _, codes) = await Server.UserWithCodesAsync();
        var (_, flow, _) = await Server.SendAsync(HttpMethod.Get, "/self-service/login/api", null);
        Assert.Null(Node(flow!, "lookup_secret"));
        var (status, body, _) = await Server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow!["id"]}", null,
            new JsonObject { ["method"] = "lookup_secret", ["lookup_secret"] = codes[0] });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4010002], GlobalMessageIds(body!));

        var token = await Server.NativeTokenAsync(email);
        var (_, aal2, _) = await Server.SendAsync(HttpMethod.Get, "/self-service/login/api?aal=aal2", token);
        var (missing, missingBody, _) = await Server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={aal2!["id"]}", token,
            new JsonObject { ["method"] = "lookup_secret" });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal([4000002], NodeMessageIds(missingBody!, "lookup_secret"));
        // Neither refusal spent the code.
        Assert.Equal(HttpStatusCode.OK, (await Server.StepUpAsync(token, codes[0])).Status);
    }

    [Fact]
    public async Task A_disabled_method_refuses_the_submission_with_404()
    {
        var server = await fixture.StartAnotherAsync(c => c["selfservice"]!["methods"]!["lookup_secret"] = new JsonObject { ["enabled"] = false });
        var (email, _) = await server.CreateUserAsync();
        var token = await server.NativeTokenAsync(email);
        var (_, flow, _) = await server.SendAsync(HttpMethod.Get, "/self-service/login/api?aal=aal2", token);
        var (status, _, _) = await server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow!["id"]}", token,
            new JsonObject { ["method"] = "lookup_secret", ["lookup_secret"] = "abcd1234" });
        Assert.Equal(HttpStatusCode.NotFound, status);
        var settings = await server.NativeSettingsFlowAsync(token);
        Assert.Null(Node(settings, "lookup_secret_regenerate"));
    }
}

public sealed class LookupSecretLoginTests_Sqlite(SqliteLookupSecretServerFixture fixture)
    : LookupSecretLoginTests(fixture), IClassFixture<SqliteLookupSecretServerFixture>;

public sealed class LookupSecretLoginTests_Postgres(PostgresLookupSecretServerFixture fixture)
    : LookupSecretLoginTests(fixture), IClassFixture<PostgresLookupSecretServerFixture>;
