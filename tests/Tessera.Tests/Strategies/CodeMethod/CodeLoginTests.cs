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

/// <summary>Passwordless login by code (API.md §6.3, FLOWS.md §10) for api, browser and SPA clients, on SQLite and PostgreSQL.</summary>
public abstract class CodeLoginTests(CodeServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    SmtpSink Smtp => fixture.Smtp;

    [Fact]
    public async Task The_login_flow_offers_a_sign_in_code_button_beside_the_password()
    {
        var flow = await Server.NativeLoginFlowAsync();

        Assert.Single(flow["ui"]!["nodes"]!.AsArray(), n => n!["attributes"]!["name"]!.GetValue<string>() == "identifier");
        Assert.Equal("""{"id":1070002,"text":"Your E-Mail","type":"info","context":{"title":"Your E-Mail","name":"traits.email"}}""",
            Node(flow, "identifier")!["meta"]!["label"]!.ToJsonString());
        var button = Node(flow, "method", "code")!;
        Assert.Equal(("code", "submit"), (button["group"]!.GetValue<string>(), button["attributes"]!["type"]!.GetValue<string>()));
        Assert.Equal("""{"id":1010015,"text":"Send sign in code","type":"info"}""", button["meta"]!["label"]!.ToJsonString());
    }

    [Fact]
    public async Task The_api_client_gets_a_code_by_mail_which_logs_in_and_verifies_the_address()
    {
        var (email, id) = await Server.CodeUserAsync();
        var flow = await Server.NativeLoginFlowAsync();

        var (sentStatus, sent) = await Server.LoginAsync(flow, Send("  " + email.ToUpperInvariant() + " "));
        Assert.Equal(HttpStatusCode.BadRequest, sentStatus);
        Assert.Equal(("sent_email", "code"), (sent!["state"]!.GetValue<string>(), sent["active"]!.GetValue<string>()));
        Assert.Equal([1010014], GlobalMessageIds(sent));
        Assert.Equal(["identifier:hidden", "method:hidden", "code:text", "method:submit", "resend:submit"], Shape(sent));
        Assert.Null(Node(sent, "csrf_token")); // only browser flows keep it on this screen
        Assert.Equal(email, Node(sent, "identifier")!["attributes"]!["value"]!.GetValue<string>());
        Assert.Equal("one-time-code", Node(sent, "code")!["attributes"]!["autocomplete"]!.GetValue<string>());
        var submit = sent["ui"]!["nodes"]!.AsArray().Single(n => n!["attributes"]!["name"]!.GetValue<string>() == "method"
            && n["attributes"]!["type"]!.GetValue<string>() == "submit")!;
        Assert.Equal((1070013L, 1070009L, 1070008L), (LabelId(sent, "code"), submit["meta"]!["label"]!["id"]!.GetValue<long>(), LabelId(sent, "resend")));

        var mail = await Smtp.MailAsync(email);
        var code = CodeMail.Code(mail);
        Assert.Equal($"Use code {code} to log in", mail.Message.Subject);
        Assert.Equal("login_code_valid", (await Server.MessagesAsync(email)).Single()!["template_type"]!.GetValue<string>());

        var (status, body) = await Server.LoginAsync(flow, WithCode(email, code));
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        var session = body!["session"]!;
        Assert.Equal(id, session["identity"]!["id"]!.GetValue<string>());
        Assert.Equal("aal1", session["authenticator_assurance_level"]!.GetValue<string>());
        Assert.Equal(["code:aal1"], session["authentication_methods"]!.AsArray().Select(m => $"{m!["method"]}:{m["aal"]}"));
        var address = session["identity"]!["verifiable_addresses"]![0]!;
        Assert.Equal((true, "completed"), (address["verified"]!.GetValue<bool>(), address["status"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, await Server.WhoamiAsync(body["session_token"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_browser_is_sent_back_to_the_login_ui_and_then_to_the_return_url_with_a_session_cookie()
    {
        var (email, _) = await Server.CodeUserAsync();
        var browser = new SettingsBrowser(Server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser");

        using var sent = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow["id"]}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("identifier", email), ("method", "code")));
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal(CodeServerFixture.Ui + $"login?flow={flow["id"]}", sent.Headers.Location!.ToString());
        var shown = await browser.JsonAsync(HttpMethod.Get, $"/self-service/login/flows?id={flow["id"]}");
        Assert.Equal("sent_email", shown["state"]!.GetValue<string>());
        Assert.NotNull(Node(shown, "csrf_token"));

        using var done = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow["id"]}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(shown)), ("identifier", email), ("code", await Smtp.CodeAsync(email)), ("method", "code")));
        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        Assert.Equal(CodeServerFixture.Ui + "welcome", done.Headers.Location!.ToString());
        Assert.NotNull(CookieJar.SetCookie(done, "ory_kratos_session"));
        var session = await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami");
        Assert.Equal("code", session["authentication_methods"]![0]!["method"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_spa_gets_the_flow_as_json_and_then_the_session()
    {
        var (email, _) = await Server.CodeUserAsync();
        var browser = new SettingsBrowser(Server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser");

        var sent = await browser.JsonAsync(HttpMethod.Post, $"/self-service/login?flow={flow["id"]}", HttpStatusCode.BadRequest,
            new JsonObject { ["csrf_token"] = CsrfToken(flow), ["identifier"] = email, ["method"] = "code" });
        Assert.Equal([1010014], GlobalMessageIds(sent));

        var done = await browser.JsonAsync(HttpMethod.Post, $"/self-service/login?flow={flow["id"]}", HttpStatusCode.OK,
            new JsonObject { ["csrf_token"] = CsrfToken(sent), ["identifier"] = email, ["code"] = await Smtp.CodeAsync(email), ["method"] = "code" });
        Assert.Equal("code", done["session"]!["authentication_methods"]![0]!["method"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(HttpMethod.Get, "/sessions/whoami", json: true)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_identifier_gets_4000035_and_no_mail()
    {
        var unknown = HttpJson.Unique("nobody");
        var flow = await Server.NativeLoginFlowAsync();

        var (status, body) = await Server.LoginAsync(flow, Send(unknown));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("choose_method", body!["state"]!.GetValue<string>());
        Assert.Equal([4000035], GlobalMessageIds(body));
        Assert.Equal(unknown, Node(body, "identifier")!["attributes"]!["value"]!.GetValue<string>());
        Assert.Empty(await Server.MessagesAsync(unknown));
    }

    [Fact]
    public async Task A_missing_identifier_is_required()
    {
        var flow = await Server.NativeLoginFlowAsync();

        var (status, body) = await Server.LoginAsync(flow, new JsonObject { ["method"] = "code" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4000002], NodeMessageIds(body!, "identifier"));
    }

    [Fact]
    public async Task A_wrong_code_gets_4010008_and_keeps_the_identifier_hidden()
    {
        var (email, _) = await Server.CodeUserAsync();
        var flow = await Server.NativeLoginFlowAsync();
        await Server.LoginAsync(flow, Send(email));
        var code = await Smtp.CodeAsync(email);

        var (status, body) = await Server.LoginAsync(flow, WithCode(email, Other(code)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4010008], GlobalMessageIds(body!));
        Assert.Equal("The login code is invalid or has already been used. Please try again.", body!["ui"]!["messages"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(("hidden", email), (Node(body, "identifier")!["attributes"]!["type"]!.GetValue<string>(),
            Node(body, "identifier")!["attributes"]!["value"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await Server.LoginAsync(flow, WithCode(email, code))).Status);
    }

    [Fact]
    public async Task A_used_code_is_refused_the_second_time()
    {
        var (email, _) = await Server.CodeUserAsync();
        var flow = await Server.NativeLoginFlowAsync();
        await Server.LoginAsync(flow, Send(email));
        var code = await Smtp.CodeAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await Server.LoginAsync(flow, WithCode(email, code))).Status);

        var (again, body) = await Server.LoginAsync(flow, WithCode(email, code));
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Equal([4010002], GlobalMessageIds(body!));

        // Nor does it open another flow: codes belong to the flow that sent them.
        var other = await Server.NativeLoginFlowAsync();
        await Server.LoginAsync(other, Send(email));
        var (elsewhere, otherBody) = await Server.LoginAsync(other, WithCode(email, code));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere);
        Assert.Equal([4010008], GlobalMessageIds(otherBody!));
    }

    [Fact]
    public async Task A_code_past_its_lifespan_is_refused()
    {
        var (email, _) = await Server.CodeUserAsync();
        var flow = await Server.NativeLoginFlowAsync();
        await Server.LoginAsync(flow, Send(email));
        var code = await Smtp.CodeAsync(email);

        fixture.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var (status, body) = await Server.LoginAsync(flow, WithCode(email, code));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4010008], GlobalMessageIds(body!));
    }

    [Fact]
    public async Task After_max_submissions_even_the_right_code_is_refused()
    {
        var (email, _) = await Server.CodeUserAsync();
        var flow = await Server.NativeLoginFlowAsync();
        await Server.LoginAsync(flow, Send(email));
        var code = await Smtp.CodeAsync(email);
        for (var i = 0; i < CodeServerFixture.MaxSubmissions; i++)
        {
            var (_, wrong) = await Server.LoginAsync(flow, WithCode(email, Other(code)));
            Assert.Equal([4010008], GlobalMessageIds(wrong!));
        }

        var (status, body) = await Server.LoginAsync(flow, WithCode(email, code));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4000001], GlobalMessageIds(body!));
        Assert.Equal("The request was submitted too often. Please request another code.", body!["ui"]!["messages"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resend_sends_a_new_code_and_voids_the_old_one()
    {
        var (email, _) = await Server.CodeUserAsync();
        var flow = await Server.NativeLoginFlowAsync();
        await Server.LoginAsync(flow, Send(email));
        var first = await Smtp.CodeAsync(email);

        var (resent, body) = await Server.LoginAsync(flow, Resend(email));
        Assert.Equal(HttpStatusCode.BadRequest, resent);
        Assert.Equal("sent_email", body!["state"]!.GetValue<string>());
        Assert.Equal([1010014], GlobalMessageIds(body));
        var second = await Smtp.CodeAsync(email, 1);

        if (first != second)
        {
            var (old, oldBody) = await Server.LoginAsync(flow, WithCode(email, first));
            Assert.Equal(HttpStatusCode.BadRequest, old);
            Assert.Equal([4010008], GlobalMessageIds(oldBody!));
        }

        Assert.Equal(HttpStatusCode.OK, (await Server.LoginAsync(flow, WithCode(email, second))).Status);
    }

    [Fact]
    public async Task One_flow_sends_at_most_max_submissions_messages()
    {
        var (email, _) = await Server.CodeUserAsync();
        var flow = await Server.NativeLoginFlowAsync();
        await Server.LoginAsync(flow, Send(email));
        for (var i = 1; i < CodeServerFixture.MaxSubmissions; i++)
        {
            var (_, resent) = await Server.LoginAsync(flow, Resend(email));
            Assert.Equal([1010014], GlobalMessageIds(resent!));
        }

        var (status, body) = await Server.LoginAsync(flow, Resend(email));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4000001], GlobalMessageIds(body!));
        Assert.Equal(CodeServerFixture.MaxSubmissions, (await Server.MessagesAsync(email)).Count);
    }
}

public sealed class CodeLoginTests_Sqlite(SqliteCodeServerFixture fixture) : CodeLoginTests(fixture), IClassFixture<SqliteCodeServerFixture>;

public sealed class CodeLoginTests_Postgres(PostgresCodeServerFixture fixture) : CodeLoginTests(fixture), IClassFixture<PostgresCodeServerFixture>;
