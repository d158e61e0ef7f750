using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows;
using Tessera.Tests.Flows.Recovery;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Strategies.CodeMethod.CodeHttp;

namespace Tessera.Tests.Strategies.CodeMethod;

/// <summary>Registration by code (API.md §6.3, FLOWS.md §10) for api, browser and SPA clients, on SQLite and PostgreSQL.</summary>
public abstract class CodeRegistrationTests(CodeServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    SmtpSink Smtp => fixture.Smtp;

    [Fact]
    public async Task The_api_client_gets_a_code_by_mail_and_the_same_traits_with_it_make_a_verified_identity()
    {
        var email = HttpJson.Unique("signup");
        var flow = await Server.NativeRegistrationFlowAsync();

        var (sentStatus, sent) = await Server.RegisterAsync(flow, SignUp(email));
        Assert.Equal(HttpStatusCode.BadRequest, sentStatus);
        Assert.Equal(("sent_email", "code"), (sent!["state"]!.GetValue<string>(), sent["active"]!.GetValue<string>()));
        Assert.Equal([1040005], GlobalMessageIds(sent));
        var emailNode = Node(sent, "traits.email")!["attributes"]!;
        Assert.Equal(("hidden", email), (emailNode["type"]!.GetValue<string>(), emailNode["value"]!.GetValue<string>()));
        Assert.Equal("hidden", Node(sent, "traits.name.first")!["attributes"]!["type"]!.GetValue<string>());
        Assert.Equal((1070012L, 1070008L), (LabelId(sent, "code"), LabelId(sent, "resend")));
        Assert.Contains("method:hidden", Shape(sent));
        Assert.Contains("method:submit", Shape(sent));
        Assert.Null(Node(sent, "csrf_token")); // only browser flows keep it on this screen

        var mail = await Smtp.MailAsync(email);
        var code = CodeMail.Code(mail);
        Assert.Equal($"Use code {code} to complete your account registration", mail.Message.Subject);
        Assert.Equal("registration_code_valid", (await Server.MessagesAsync(email)).Single()!["template_type"]!.GetValue<string>());

        var (status, body) = await Server.RegisterAsync(flow, SignUp(email, code));
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        var identity = body!["identity"]!;
        Assert.Equal(email, identity["traits"]!["email"]!.GetValue<string>());
        var address = identity["verifiable_addresses"]![0]!;
        Assert.Equal((true, "completed"), (address["verified"]!.GetValue<bool>(), address["status"]!.GetValue<string>()));
        Assert.Equal(["code:aal1"], body["session"]!["authentication_methods"]!.AsArray().Select(m => $"{m!["method"]}:{m["aal"]}"));
        Assert.Equal(HttpStatusCode.OK, await Server.WhoamiAsync(body["session_token"]!.GetValue<string>()));

        // The new identity can log in by code at once.
        var login = await Server.NativeLoginFlowAsync();
        var (_, loginSent) = await Server.LoginAsync(login, Send(email));
        Assert.Equal([1010014], GlobalMessageIds(loginSent!));
    }

    [Fact]
    public async Task The_browser_is_sent_back_to_the_registration_ui_and_then_to_the_return_url_signed_in()
    {
        var email = HttpJson.Unique("signup");
        var browser = new SettingsBrowser(Server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/registration/browser");

        using var sent = await browser.SendAsync(HttpMethod.Post, $"/self-service/registration?flow={flow["id"]}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("traits.email", email), ("method", "code")));
        // Kratos answers the code-sent screen with 303 (registration errors with 302).
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal(CodeServerFixture.Ui + $"registration?flow={flow["id"]}", sent.Headers.Location!.ToString());

        var shown = await browser.JsonAsync(HttpMethod.Get, $"/self-service/registration/flows?id={flow["id"]}");
        Assert.Equal("sent_email", shown["state"]!.GetValue<string>());
        using var done = await browser.SendAsync(HttpMethod.Post, $"/self-service/registration?flow={flow["id"]}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(shown)), ("traits.email", email), ("code", await Smtp.CodeAsync(email)), ("method", "code")));
        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        Assert.Equal(CodeServerFixture.Ui + "welcome", done.Headers.Location!.ToString());
        var session = await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami");
        Assert.Equal(email, session["identity"]!["traits"]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_spa_gets_the_flow_as_json_and_then_the_identity()
    {
        var email = HttpJson.Unique("signup");
        var browser = new SettingsBrowser(Server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/registration/browser");

        var sent = await browser.JsonAsync(HttpMethod.Post, $"/self-service/registration?flow={flow["id"]}", HttpStatusCode.BadRequest,
            new JsonObject { ["csrf_token"] = CsrfToken(flow), ["traits"] = Traits(email), ["method"] = "code" });
        Assert.Equal([1040005], GlobalMessageIds(sent));

        var done = await browser.JsonAsync(HttpMethod.Post, $"/self-service/registration?flow={flow["id"]}", HttpStatusCode.OK,
            new JsonObject { ["csrf_token"] = CsrfToken(sent), ["traits"] = Traits(email), ["code"] = await Smtp.CodeAsync(email), ["method"] = "code" });
        Assert.True(done["identity"]!["verifiable_addresses"]![0]!["verified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Changed_traits_get_4000036_and_make_nothing()
    {
        var email = HttpJson.Unique("signup");
        var flow = await Server.NativeRegistrationFlowAsync();
        await Server.RegisterAsync(flow, SignUp(email));
        var code = await Smtp.CodeAsync(email);

        var changed = Traits(email);
        changed["name"]!["first"] = "Grace";
        var (status, body) = await Server.RegisterAsync(flow, SignUp(email, code, changed));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4000036], GlobalMessageIds(body!));
        var other = HttpJson.Unique("other");
        var (_, swapped) = await Server.RegisterAsync(flow, SignUp(other, code));
        Assert.Equal([4000036], GlobalMessageIds(swapped!));
        Assert.Equal(HttpStatusCode.OK, (await Server.RegisterAsync(flow, SignUp(email, code))).Status);
    }

    [Fact]
    public async Task A_wrong_code_gets_4040003()
    {
        var email = HttpJson.Unique("signup");
        var flow = await Server.NativeRegistrationFlowAsync();
        await Server.RegisterAsync(flow, SignUp(email));
        var code = await Smtp.CodeAsync(email);

        var (status, body) = await Server.RegisterAsync(flow, SignUp(email, Other(code)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4040003], GlobalMessageIds(body!));
        Assert.Equal("sent_email", body!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_used_code_is_refused_the_second_time()
    {
        var email = HttpJson.Unique("signup");
        var flow = await Server.NativeRegistrationFlowAsync();
        await Server.RegisterAsync(flow, SignUp(email));
        var code = await Smtp.CodeAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await Server.RegisterAsync(flow, SignUp(email, code))).Status);

        var (status, body) = await Server.RegisterAsync(flow, SignUp(email, code));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4010003], GlobalMessageIds(body!));
    }

    [Fact]
    public async Task A_code_past_its_lifespan_is_refused()
    {
        var email = HttpJson.Unique("signup");
        var flow = await Server.NativeRegistrationFlowAsync();
        await Server.RegisterAsync(flow, SignUp(email));
        var code = await Smtp.CodeAsync(email);

        fixture.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var (status, body) = await Server.RegisterAsync(flow, SignUp(email, code));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4040003], GlobalMessageIds(body!));
    }

    [Fact]
    public async Task After_max_submissions_even_the_right_code_is_refused()
    {
        var email = HttpJson.Unique("signup");
        var flow = await Server.NativeRegistrationFlowAsync();
        await Server.RegisterAsync(flow, SignUp(email));
        var code = await Smtp.CodeAsync(email);
        for (var i = 0; i < CodeServerFixture.MaxSubmissions; i++)
        {
            await Server.RegisterAsync(flow, SignUp(email, Other(code)));
        }

        var (status, body) = await Server.RegisterAsync(flow, SignUp(email, code));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4000001], GlobalMessageIds(body!));
    }

    [Fact]
    public async Task Resend_sends_a_new_code_and_voids_the_old_one()
    {
        var email = HttpJson.Unique("signup");
        var flow = await Server.NativeRegistrationFlowAsync();
        await Server.RegisterAsync(flow, SignUp(email));
        var first = await Smtp.CodeAsync(email);

        var resend = SignUp(email);
        resend["resend"] = "code";
        var (resent, body) = await Server.RegisterAsync(flow, resend);
        Assert.Equal(HttpStatusCode.BadRequest, resent);
        Assert.Equal([1040005], GlobalMessageIds(body!));
        var second = await Smtp.CodeAsync(email, 1);

        if (first != second)
        {
            var (_, old) = await Server.RegisterAsync(flow, SignUp(email, first));
            Assert.Equal([4040003], GlobalMessageIds(old!));
        }

        Assert.Equal(HttpStatusCode.OK, (await Server.RegisterAsync(flow, SignUp(email, second))).Status);
    }

    [Fact]
    public async Task Going_back_to_the_method_choice_and_choosing_code_again_sends_a_new_code()
    {
        var email = HttpJson.Unique("signup");
        var flow = await Server.NativeRegistrationFlowAsync();
        var (_, sent) = await Server.RegisterAsync(flow, SignUp(email));
        Assert.NotNull(Node(sent!, "screen", "credential-selection"));
        // Wait for the first mail, so that the courier cannot deliver the two codes in either order.
        await Smtp.CodeAsync(email);

        var (_, choice) = await Server.RegisterAsync(flow, new JsonObject { ["screen"] = "credential-selection", ["traits"] = Traits(email) });
        Assert.Null(Node(choice!, "code"));
        Assert.NotNull(Node(choice!, "method", "code"));

        var (status, again) = await Server.RegisterAsync(flow, SignUp(email));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([1040005], GlobalMessageIds(again!));
        var code = await Smtp.CodeAsync(email, 1);
        Assert.Equal(HttpStatusCode.OK, (await Server.RegisterAsync(flow, SignUp(email, code))).Status);
    }

    [Fact]
    public async Task Invalid_traits_send_nothing()
    {
        var flow = await Server.NativeRegistrationFlowAsync();

        var (status, body) = await Server.RegisterAsync(flow, SignUp("", traits: new JsonObject { ["email"] = "not-an-email" }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("choose_method", body!["state"]!.GetValue<string>());
        Assert.NotEmpty(NodeMessageIds(body, "traits.email"));
        Assert.Empty(await Server.MessagesAsync("not-an-email"));
    }
}

public sealed class CodeRegistrationTests_Sqlite(SqliteCodeServerFixture fixture) : CodeRegistrationTests(fixture), IClassFixture<SqliteCodeServerFixture>;

public sealed class CodeRegistrationTests_Postgres(PostgresCodeServerFixture fixture) : CodeRegistrationTests(fixture), IClassFixture<PostgresCodeServerFixture>;
