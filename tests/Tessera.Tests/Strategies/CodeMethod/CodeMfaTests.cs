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

/// <summary>A code as the second factor (<c>mfa_enabled</c>, API.md §6.3): an aal2 login flow for the session's identity, on SQLite and PostgreSQL.</summary>
public abstract class CodeMfaTests(CodeServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    SmtpSink Smtp => fixture.Smtp;

    static JsonObject To(string address) => new() { ["method"] = "code", ["address"] = address };

    static JsonObject CodeFor(string address, string code) => new() { ["method"] = "code", ["address"] = address, ["code"] = code };

    [Fact]
    public async Task A_code_address_that_is_the_only_second_factor_gets_its_code_when_the_flow_opens()
    {
        var (email, id) = await Server.CreateUserAsync();
        var token = await Server.NativeTokenAsync(email);

        // Kratos's FastLogin2FA: the init call answers 200 with the flow already in sent_email.
        var flow = await Server.NativeLoginFlowAsync("?aal=aal2", token);
        Assert.Equal(("sent_email", "code"), (flow["state"]!.GetValue<string>(), flow["active"]!.GetValue<string>()));
        Assert.Equal([1010025], GlobalMessageIds(flow));
        Assert.Equal(["identifier:hidden", "method:hidden", "code:text", "method:submit", "resend:submit"], Shape(flow));
        var mail = await Smtp.MailAsync(email);
        Assert.Equal($"Use code {CodeMail.Code(mail)} to log in", mail.Message.Subject);

        var (status, body) = await Server.LoginAsync(flow, CodeFor(email, CodeMail.Code(mail)), token);
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        var session = body!["session"]!;
        Assert.Equal(id, session["identity"]!["id"]!.GetValue<string>());
        Assert.Equal("aal2", session["authenticator_assurance_level"]!.GetValue<string>());
        Assert.Equal(["password:aal1", "code:aal2"], session["authentication_methods"]!.AsArray().Select(m => $"{m!["method"]}:{m["aal"]}"));
        Assert.Equal(HttpStatusCode.OK, await Server.WhoamiAsync(token));
    }

    [Fact]
    public async Task With_backup_codes_too_the_flow_offers_the_address_and_a_code_sent_there_steps_up_to_aal2()
    {
        var (email, id) = await Server.CreateUserWithBackupCodesAsync();
        var token = await Server.NativeTokenAsync(email);
        var flow = await Server.NativeLoginFlowAsync("?aal=aal2", token);

        Assert.Equal(("choose_method", 0), (flow["state"]!.GetValue<string>(), (await Server.MessagesAsync(email)).Count));
        Assert.Equal([1010004], GlobalMessageIds(flow));
        var button = Node(flow, "address", email)!;
        Assert.Equal(("code", "submit"), (button["group"]!.GetValue<string>(), button["attributes"]!["type"]!.GetValue<string>()));
        Assert.Equal($$$"""{"id":1010023,"text":"Send code to {{{email}}}","type":"info","context":{"address":"{{{email}}}","channel":"email"}}""",
            button["meta"]!["label"]!.ToJsonString());
        Assert.NotNull(Node(flow, "lookup_secret"));

        var (sentStatus, sent) = await Server.LoginAsync(flow, To(email), token);
        Assert.Equal(HttpStatusCode.BadRequest, sentStatus);
        Assert.Equal("sent_email", sent!["state"]!.GetValue<string>());
        Assert.Equal([1010025], GlobalMessageIds(sent));
        Assert.Equal(["identifier:hidden", "method:hidden", "code:text", "method:submit", "resend:submit"], Shape(sent));

        var (status, body) = await Server.LoginAsync(flow, CodeFor(email, await Smtp.CodeAsync(email)), token);
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal(id, body!["session"]!["identity"]!["id"]!.GetValue<string>());
        Assert.Equal("aal2", body["session"]!["authenticator_assurance_level"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_expired_aal2_flow_is_replaced_by_one_that_offers_the_address_again()
    {
        var (email, _) = await Server.CreateUserWithBackupCodesAsync();
        var token = await Server.NativeTokenAsync(email);
        var flow = await Server.NativeLoginFlowAsync("?aal=aal2", token);
        fixture.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        var (status, body) = await Server.LoginAsync(flow, To(email), token);

        Assert.Equal(HttpStatusCode.Gone, status);
        var (_, replacement, _) = await Server.SendAsync(HttpMethod.Get, $"/self-service/login/flows?id={body!["use_flow_id"]}", token);
        Assert.Equal("aal2", replacement!["requested_aal"]!.GetValue<string>());
        Assert.Equal(1010023, LabelId(replacement, "address", email));
    }

    [Fact]
    public async Task An_address_that_is_not_the_sessions_gets_4000035_and_no_mail()
    {
        var (email, _) = await Server.CreateUserWithBackupCodesAsync();
        var (stranger, _) = await Server.CreateUserAsync();
        var token = await Server.NativeTokenAsync(email);
        var flow = await Server.NativeLoginFlowAsync("?aal=aal2", token);

        var (status, body) = await Server.LoginAsync(flow, To(stranger), token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4000035], GlobalMessageIds(body!));
        Assert.Empty(await Server.MessagesAsync(stranger));
    }

    [Fact]
    public async Task A_wrong_code_gets_4010008_and_leaves_the_session_at_aal1()
    {
        var (email, _) = await Server.CreateUserAsync();
        var token = await Server.NativeTokenAsync(email);
        var flow = await Server.NativeLoginFlowAsync("?aal=aal2", token);
        await Server.LoginAsync(flow, To(email), token);
        var code = await Smtp.CodeAsync(email);

        var (status, body) = await Server.LoginAsync(flow, CodeFor(email, Other(code)), token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4010008], GlobalMessageIds(body!));
        var (_, session, _) = await Server.SendAsync(HttpMethod.Get, "/sessions/whoami?aal=aal1", token);
        Assert.NotEqual("aal2", session?["authenticator_assurance_level"]?.GetValue<string>());
    }

    [Fact]
    public async Task Without_passwordless_the_first_factor_login_offers_no_code()
    {
        var (email, _) = await Server.CreateUserAsync();
        var flow = await Server.NativeLoginFlowAsync();

        Assert.Null(Node(flow, "method", "code"));
        var (status, body) = await Server.LoginAsync(flow, Send(email));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4010002], GlobalMessageIds(body!));
        Assert.Empty(await Server.MessagesAsync(email));
    }
}

public sealed class CodeMfaTests_Sqlite(SqliteCodeMfaServerFixture fixture) : CodeMfaTests(fixture), IClassFixture<SqliteCodeMfaServerFixture>;

public sealed class CodeMfaTests_Postgres(PostgresCodeMfaServerFixture fixture) : CodeMfaTests(fixture), IClassFixture<PostgresCodeMfaServerFixture>;
