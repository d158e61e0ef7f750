using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Flows.Verification.VerificationHttp;

namespace Tessera.Tests.Flows.Verification;

/// <summary>Verification in browsers: form posts, the e-mail's link, and the link method (FLOWS.md §9.3), on SQLite and PostgreSQL.</summary>
public abstract class BrowserVerificationTests(CodeFlowServerFixture fixture)
{
    const string Ui = CodeFlowServerFixture.Ui;

    TesseraServer Server => fixture.Require();

    static string Location(HttpResponseMessage response) => response.Headers.Location!.ToString();

    [Fact]
    public async Task The_mailed_link_fills_the_code_in_and_the_form_post_verifies()
    {
        var (email, id) = await Server.CreateUserAsync();
        var browser = new SettingsBrowser(Server);
        using var init = await browser.SendAsync(HttpMethod.Get, "/self-service/verification/browser?return_to=" + Uri.EscapeDataString(Ui + "account"));
        Assert.Equal(HttpStatusCode.SeeOther, init.StatusCode);
        Assert.StartsWith(Ui + "verification?flow=", Location(init));
        var flowId = Location(init).Split("flow=")[1];
        var flow = await browser.JsonAsync(HttpMethod.Get, $"/self-service/verification/flows?id={flowId}");

        using var sent = await browser.SendAsync(HttpMethod.Post, $"/self-service/verification?flow={flowId}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("email", email), ("method", "code")));
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal(Ui + "verification?flow=" + flowId, Location(sent));
        flow = await browser.JsonAsync(HttpMethod.Get, $"/self-service/verification/flows?id={flowId}");
        Assert.Equal(["method", "code", "method", "csrf_token", "email"], flow["ui"]!["nodes"]!.AsArray().Select(n => n!["attributes"]!["name"]!.GetValue<string>()));

        // The link opens in a browser (here another one): the code is filled in and a CSRF cookie set.
        var mail = await fixture.Smtp.MailAsync(email);
        var link = new Uri(CodeMail.Link(mail));
        var phone = new SettingsBrowser(Server);
        using var opened = await phone.SendAsync(HttpMethod.Get, link.PathAndQuery);
        Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
        Assert.Equal(Ui + "verification?flow=" + flowId, Location(opened));
        Assert.Contains(phone.Jar.Cookies.Keys, k => k.StartsWith("csrf_token_", StringComparison.Ordinal));
        var filled = await phone.JsonAsync(HttpMethod.Get, $"/self-service/verification/flows?id={flowId}");
        Assert.Equal(CodeMail.Code(mail), Node(filled, "code")!["attributes"]!["value"]!.GetValue<string>());

        using var done = await phone.SendAsync(HttpMethod.Post, $"/self-service/verification?flow={flowId}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(filled)), ("code", CodeMail.Code(mail)), ("method", "code")));
        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        var finished = await phone.JsonAsync(HttpMethod.Get, $"/self-service/verification/flows?id={flowId}");
        Assert.Equal("passed_challenge", finished["state"]!.GetValue<string>());
        Assert.Equal(Ui + "account", finished["ui"]!["action"]!.GetValue<string>());
        Assert.True((await Server.AddressAsync(id))["verified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_spa_gets_the_flow_as_json()
    {
        var (email, _) = await Server.CreateUserAsync();
        var browser = new SettingsBrowser(Server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/verification/browser");
        var sent = await browser.JsonAsync(HttpMethod.Post, $"/self-service/verification?flow={flow["id"]}",
            body: new JsonObject { ["csrf_token"] = CsrfToken(flow), ["email"] = email, ["method"] = "code" });
        Assert.Equal("sent_email", sent["state"]!.GetValue<string>());
        var done = await browser.JsonAsync(HttpMethod.Post, $"/self-service/verification?flow={flow["id"]}",
            body: new JsonObject { ["code"] = CodeMail.Code(await fixture.Smtp.MailAsync(email)) });
        Assert.Equal("passed_challenge", done["state"]!.GetValue<string>());
        Assert.NotNull(Node(done, "csrf_token"));

        var refused = await new SettingsBrowser(Server).JsonAsync(HttpMethod.Post, $"/self-service/verification?flow={flow["id"]}", HttpStatusCode.Forbidden,
            new JsonObject { ["email"] = email, ["method"] = "code" });
        Assert.Equal("security_csrf_violation", ErrorId(refused));
    }

    [Fact]
    public async Task The_link_method_mails_a_link_that_verifies_when_opened()
    {
        var server = await fixture.StartAnotherAsync(c => c["selfservice"]!["flows"]!["verification"]!["use"] = "link");
        var (email, id) = await server.CreateUserAsync();
        var browser = new SettingsBrowser(server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/verification/browser");
        Assert.Equal(["default:csrf_token", "link:email", "link:method"], flow["ui"]!["nodes"]!.AsArray().Select(n => $"{n!["group"]}:{n["attributes"]!["name"]}"));
        var sent = await browser.JsonAsync(HttpMethod.Post, $"/self-service/verification?flow={flow["id"]}",
            body: new JsonObject { ["csrf_token"] = CsrfToken(flow), ["email"] = email, ["method"] = "link" });
        Assert.Equal([1080001], GlobalMessageIds(sent));

        var mail = await fixture.Smtp.MailAsync(email);
        Assert.Equal("Please verify your email address", mail.Message.Subject);
        var link = new Uri(CodeMail.Link(mail));
        using var opened = await browser.SendAsync(HttpMethod.Get, link.PathAndQuery);
        Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
        Assert.Equal(Ui + "verification?flow=" + flow["id"], Location(opened));
        var done = await browser.JsonAsync(HttpMethod.Get, $"/self-service/verification/flows?id={flow["id"]}");
        Assert.Equal("passed_challenge", done["state"]!.GetValue<string>());
        Assert.Equal("link", done["ui"]!["nodes"]![0]!["group"]!.GetValue<string>());
        Assert.True((await server.AddressAsync(id))["verified"]!.GetValue<bool>());

        using var reused = await browser.SendAsync(HttpMethod.Get, link.PathAndQuery);
        Assert.StartsWith(Ui + "verification?flow=", Location(reused));
        var replacement = await browser.JsonAsync(HttpMethod.Get, $"/self-service/verification/flows?id={Location(reused).Split("flow=")[1]}");
        Assert.Equal([4070001], GlobalMessageIds(replacement));
    }

    [Fact]
    public async Task Disabled_verification_is_400_and_unknown_addresses_may_be_told()
    {
        var off = await fixture.StartAnotherAsync(c => c["selfservice"]!["flows"]!["verification"]!["enabled"] = false);
        var (status, body, _) = await off.SendAsync(HttpMethod.Get, "/self-service/verification/api", null);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Verification is not allowed because it was disabled.", body!["error"]!["reason"]!.GetValue<string>());

        var notify = await fixture.StartAnotherAsync(c => c["selfservice"]!["flows"]!["verification"]!["notify_unknown_recipients"] = true);
        var unknown = HttpJson.Unique("nobody");
        var (sent, _, _) = await notify.SubmitVerificationAsync((await notify.NativeVerificationFlowAsync())["id"]!.GetValue<string>(), Email(unknown));
        Assert.Equal(HttpStatusCode.OK, sent);
        Assert.Equal("Someone tried to verify this email address", (await fixture.Smtp.MailAsync(unknown)).Message.Subject);
    }
}

public sealed class BrowserVerificationTests_Sqlite(SqliteCodeFlowServerFixture fixture) : BrowserVerificationTests(fixture), IClassFixture<SqliteCodeFlowServerFixture>;

public sealed class BrowserVerificationTests_Postgres(PostgresCodeFlowServerFixture fixture) : BrowserVerificationTests(fixture), IClassFixture<PostgresCodeFlowServerFixture>;
