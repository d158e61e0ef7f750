using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Flows.Verification.VerificationHttp;

namespace Tessera.Tests.Flows.Verification;

/// <summary>
/// The verification hook (FLOWS.md §9.1, API.md §12.1): after registration and a settings change a code goes out and
/// <c>show_verification_ui</c> points there; <c>require_verified_address</c> sends one and refuses the login until the
/// address is verified. On SQLite and PostgreSQL.
/// </summary>
public abstract class VerificationHookTests(CodeFlowServerFixture fixture)
{
    const string Ui = CodeFlowServerFixture.Ui;

    TesseraServer Server => fixture.Require();

    static string Location(HttpResponseMessage response) => response.Headers.Location!.ToString();

    [Fact]
    public async Task Native_registration_sends_a_code_and_continues_with_the_verification_flow()
    {
        var email = HttpJson.Unique("registered");
        var (status, body) = await Server.RegisterAsync(email);

        Assert.Equal(HttpStatusCode.OK, status);
        var continueWith = body!["continue_with"]!.AsArray();
        Assert.Equal(["show_verification_ui", "set_ory_session_token"], continueWith.Select(c => c!["action"]!.GetValue<string>()));
        var verification = continueWith[0]!["flow"]!;
        Assert.Equal(email, verification["verifiable_address"]!.GetValue<string>());
        Assert.Null(verification["url"]);
        Assert.Equal("sent", body["identity"]!["verifiable_addresses"]![0]!["status"]!.GetValue<string>());

        var flowId = verification["id"]!.GetValue<string>();
        var (_, flow, _) = await Server.SendAsync(HttpMethod.Get, $"/self-service/verification/flows?id={flowId}", null);
        Assert.Equal(("api", "sent_email"), (flow!["type"]!.GetValue<string>(), flow["state"]!.GetValue<string>()));
        Assert.Equal([1080003], GlobalMessageIds(flow));
        Assert.Equal(email, Node(flow, "email")!["attributes"]!["value"]!.GetValue<string>());

        var mail = await fixture.Smtp.MailAsync(email);
        var (verified, verifiedBody, _) = await Server.SubmitVerificationAsync(flowId, Code(CodeMail.Code(mail)));
        Assert.Equal(HttpStatusCode.OK, verified);
        Assert.Equal("passed_challenge", verifiedBody!["state"]!.GetValue<string>());
        var (_, whoami, _) = await Server.SendAsync(HttpMethod.Get, "/sessions/whoami", continueWith[1]!["ory_session_token"]!.GetValue<string>());
        Assert.True(whoami!["identity"]!["verifiable_addresses"]![0]!["verified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Browser_registration_goes_to_the_verification_ui_and_an_spa_gets_its_url()
    {
        var email = HttpJson.Unique("browser");
        var browser = new SettingsBrowser(Server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/registration/browser");
        using var done = await browser.SendAsync(HttpMethod.Post, $"/self-service/registration?flow={flow["id"]}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("traits.email", email), ("password", Password), ("method", "password")));
        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        Assert.StartsWith(Ui + "verification?flow=", Location(done));
        // The verification flow belongs to the browser's new CSRF cookie.
        var verification = await browser.JsonAsync(HttpMethod.Get, $"/self-service/verification/flows?id={Location(done).Split("flow=")[1]}");
        Assert.Equal(("browser", "sent_email"), (verification["type"]!.GetValue<string>(), verification["state"]!.GetValue<string>()));
        await fixture.Smtp.MailAsync(email);

        var spaEmail = HttpJson.Unique("spa");
        var spa = new SettingsBrowser(Server);
        var spaFlow = await spa.JsonAsync(HttpMethod.Get, "/self-service/registration/browser");
        var body = await spa.JsonAsync(HttpMethod.Post, $"/self-service/registration?flow={spaFlow["id"]}", body: new JsonObject
        {
            ["csrf_token"] = CsrfToken(spaFlow), ["method"] = "password", ["password"] = Password, ["traits"] = new JsonObject { ["email"] = spaEmail },
        });
        var continueWith = body["continue_with"]!.AsArray();
        Assert.Equal(["redirect_browser_to", "show_verification_ui"], continueWith.Select(c => c!["action"]!.GetValue<string>()));
        var url = continueWith[1]!["flow"]!["url"]!.GetValue<string>();
        Assert.Equal(Ui + "verification?flow=" + continueWith[1]!["flow"]!["id"], url);
        await fixture.Smtp.MailAsync(spaEmail);
    }

    [Fact]
    public async Task A_changed_email_in_settings_gets_a_code_and_show_verification_ui()
    {
        var (email, id) = await Server.CreateUserAsync(verified: true);
        var token = await Server.NativeTokenAsync(email);
        var flow = await Server.NativeSettingsFlowAsync(token);
        var changed = HttpJson.Unique("changed");

        var (status, body, _) = await Server.SubmitAsync(flow, token, ProfileBody(changed, "Ada"));
        Assert.Equal(HttpStatusCode.OK, status);
        var next = body!["continue_with"]!.AsArray().Single()!;
        Assert.Equal("show_verification_ui", next["action"]!.GetValue<string>());
        Assert.Equal(changed, next["flow"]!["verifiable_address"]!.GetValue<string>());
        Assert.Equal("sent", body["identity"]!["verifiable_addresses"]![0]!["status"]!.GetValue<string>());

        var mail = await fixture.Smtp.MailAsync(changed);
        var (verified, _, _) = await Server.SubmitVerificationAsync(next["flow"]!["id"]!.GetValue<string>(), Code(CodeMail.Code(mail)));
        Assert.Equal(HttpStatusCode.OK, verified);
        var address = await Server.AddressAsync(id);
        Assert.Equal((changed, true, "completed"), (address["value"]!.GetValue<string>(), address["verified"]!.GetValue<bool>(), address["status"]!.GetValue<string>()));

        // An unchanged (verified) address sends nothing further.
        var (again, againBody, _) = await Server.SubmitAsync(flow, token, ProfileBody(changed, "Augusta"));
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Null(againBody!["continue_with"]);
    }

    [Fact]
    public async Task Require_verified_address_refuses_the_login_until_the_address_is_verified()
    {
        var server = await fixture.StartAnotherAsync(c =>
            c["selfservice"]!["flows"]!["login"]!["after"] = JsonNode.Parse("""{ "password": { "hooks": [ { "hook": "require_verified_address" } ] } }"""));
        var (email, _) = await server.CreateUserAsync();

        var (refused, refusedBody) = await server.NativeLoginAsync(email, Password);
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal("session_verified_address_required", ErrorId(refusedBody));
        var next = refusedBody!["error"]!["details"]!["continue_with"]![0]!;
        Assert.Equal("show_verification_ui", next["action"]!.GetValue<string>());
        var flowId = next["flow"]!["id"]!.GetValue<string>();
        Assert.Equal(Ui + "verification?flow=" + flowId, next["flow"]!["url"]!.GetValue<string>());

        var (verified, _, _) = await server.SubmitVerificationAsync(flowId, Code(CodeMail.Code(await fixture.Smtp.MailAsync(email))));
        Assert.Equal(HttpStatusCode.OK, verified);
        var (status, body) = await server.NativeLoginAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("ory_st_", body!["session_token"]!.GetValue<string>());

        var (other, _) = await server.CreateUserAsync();
        var browser = new SettingsBrowser(server);
        using var html = await browser.LoginAsync(other);
        Assert.Equal(HttpStatusCode.SeeOther, html.StatusCode);
        Assert.StartsWith(Ui + "verification?flow=", Location(html));
        Assert.False(browser.Jar.Cookies.ContainsKey("ory_kratos_session"));
        await fixture.Smtp.MailAsync(other);
    }

    [Fact]
    public async Task Login_with_the_verification_hooks_sends_a_code_and_points_to_the_verification_flow()
    {
        var server = await fixture.StartAnotherAsync(c => c["selfservice"]!["flows"]!["login"]!["after"] = JsonNode.Parse(
            """{ "password": { "hooks": [ { "hook": "verification" }, { "hook": "show_verification_ui" } ] } }"""));
        var (email, _) = await server.CreateUserAsync();

        // Native: the session, and show_verification_ui for the flow the code was sent for.
        var (status, body) = await server.NativeLoginAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("ory_st_", body!["session_token"]!.GetValue<string>());
        var next = Assert.Single(body["continue_with"]!.AsArray())!;
        Assert.Equal("show_verification_ui", next["action"]!.GetValue<string>());
        Assert.Equal(email, next["flow"]!["verifiable_address"]!.GetValue<string>());
        var flowId = next["flow"]!["id"]!.GetValue<string>();
        var (verified, _, _) = await server.SubmitVerificationAsync(flowId, Code(CodeMail.Code(await fixture.Smtp.MailAsync(email))));
        Assert.Equal(HttpStatusCode.OK, verified);

        // Verified now: the next login sends nothing and continues with nothing.
        var (again, againBody) = await server.NativeLoginAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Null(againBody!["continue_with"]);

        // A browser is sent to the verification UI, logged in; the flow belongs to its new CSRF cookie.
        var (other, _) = await server.CreateUserAsync();
        var browser = new SettingsBrowser(server);
        using var html = await browser.LoginAsync(other);
        Assert.Equal(HttpStatusCode.SeeOther, html.StatusCode);
        Assert.StartsWith(Ui + "verification?flow=", Location(html));
        Assert.True(browser.Jar.Cookies.ContainsKey("ory_kratos_session"));
        var verification = await browser.JsonAsync(HttpMethod.Get, $"/self-service/verification/flows?id={Location(html).Split("flow=")[1]}");
        Assert.Equal(("browser", "sent_email"), (verification["type"]!.GetValue<string>(), verification["state"]!.GetValue<string>()));
        await fixture.Smtp.MailAsync(other);
    }

    [Fact]
    public async Task Login_without_the_verification_hook_sends_no_code()
    {
        var server = await fixture.StartAnotherAsync(c => c["selfservice"]!["flows"]!["login"]!["after"] = JsonNode.Parse(
            """{ "password": { "hooks": [ { "hook": "show_verification_ui" } ] } }"""));
        var (email, _) = await server.CreateUserAsync();
        var (status, body) = await server.NativeLoginAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body!["continue_with"]);
        var (_, identity, _) = await server.SendAsync(HttpMethod.Get, "/sessions/whoami", body["session_token"]!.GetValue<string>());
        Assert.Equal("pending", identity!["identity"]!["verifiable_addresses"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Notify_previous_addresses_tells_the_removed_address_of_an_email_change()
    {
        var server = await fixture.StartAnotherAsync(c => c["selfservice"]!["flows"]!["settings"]!["after"] = JsonNode.Parse(
            """{ "profile": { "hooks": [ { "hook": "notify_previous_addresses" } ] } }"""));
        var (email, _) = await server.CreateUserAsync(verified: true);
        var token = await server.NativeTokenAsync(email);
        var flow = await server.NativeSettingsFlowAsync(token);

        // The name alone: the addresses are the same, nobody is told.
        var (renamed, _, _) = await server.SubmitAsync(flow, token, ProfileBody(email, "Augusta"));
        Assert.Equal(HttpStatusCode.OK, renamed);

        var changed = HttpJson.Unique("moved");
        var (status, _, _) = await server.SubmitAsync(flow, token, ProfileBody(changed, "Augusta"));
        Assert.Equal(HttpStatusCode.OK, status);
        var notice = await fixture.Smtp.MailAsync(email);
        Assert.Contains("changed", notice.Message.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Single(fixture.Smtp.For(email));
        var (_, messages, _) = await server.Admin.GetJsonAsync("/admin/courier/messages?recipient=" + Uri.EscapeDataString(email));
        Assert.Equal("verifiable_address_changed", Assert.Single(messages!.AsArray())!["template_type"]!.GetValue<string>());
        await fixture.Smtp.MailAsync(changed); // the new address's verification code
    }
}

public sealed class VerificationHookTests_Sqlite(SqliteCodeFlowServerFixture fixture) : VerificationHookTests(fixture), IClassFixture<SqliteCodeFlowServerFixture>;

public sealed class VerificationHookTests_Postgres(PostgresCodeFlowServerFixture fixture) : VerificationHookTests(fixture), IClassFixture<PostgresCodeFlowServerFixture>;
