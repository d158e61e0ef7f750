using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Recovery;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Strategies.CodeMethod.CodeHttp;

namespace Tessera.Tests.Strategies.CodeMethod;

/// <summary>
/// Passwordless login by code at its edges: codes are bound to the identity they were sent to (one named wrongly is not
/// spent), racing submissions of one code, a deactivated identity, and refresh logins that must stay with the session's
/// identity. A class of its own, so that its submissions have their own per-address budget.
/// </summary>
public abstract class CodeLoginEdgeTests(CodeServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    SmtpSink Smtp => fixture.Smtp;

    [Fact]
    public async Task A_code_submitted_under_another_identifier_is_refused_and_not_spent()
    {
        var (email, _) = await Server.CodeUserAsync();
        var (other, _) = await Server.CodeUserAsync();
        var flow = await Server.NativeLoginFlowAsync();
        await Server.LoginAsync(flow, Send(email));
        var code = await Smtp.CodeAsync(email);

        var (status, refused) = await Server.LoginAsync(flow, WithCode(other, code));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4010008], GlobalMessageIds(refused!));

        var (ok, body) = await Server.LoginAsync(flow, WithCode(email, code));
        Assert.True(ok == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal(email, body!["session"]!["identity"]!["traits"]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Racing_submissions_of_one_code_log_in_exactly_once()
    {
        var (email, _) = await Server.CodeUserAsync();
        var flow = await Server.NativeLoginFlowAsync();
        await Server.LoginAsync(flow, Send(email));
        var code = await Smtp.CodeAsync(email);

        var results = await Task.WhenAll(Enumerable.Range(0, CodeServerFixture.MaxSubmissions).Select(_ => Server.LoginAsync(flow, WithCode(email, code))));
        Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.OK), r =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.Status);
            // The losers either found the code used (4010008) or the flow already past its challenge (4010002).
            Assert.Contains(GlobalMessageIds(r.Body!).Single(), new long[] { 4010008, 4010002 });
        });
    }

    [Fact]
    public async Task The_right_code_of_a_deactivated_identity_gets_4010011_and_no_session()
    {
        var email = HttpJson.Unique("inactive");
        await Server.CreateIdentityAsync(new JsonObject { ["traits"] = new JsonObject { ["email"] = email }, ["state"] = "inactive" });
        var flow = await Server.NativeLoginFlowAsync();
        await Server.LoginAsync(flow, Send(email));

        var (status, body) = await Server.LoginAsync(flow, WithCode(email, await Smtp.CodeAsync(email)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4010011], GlobalMessageIds(body!));
        Assert.Null(body!["session_token"]);
    }

    [Fact]
    public async Task A_refresh_sends_no_code_for_another_identity_and_re_proves_the_sessions_own()
    {
        var email = HttpJson.Unique("refresh");
        await Server.CreateIdentityAsync(new JsonObject { ["traits"] = new JsonObject { ["email"] = email }, ["credentials"] = HttpJson.Password(SettingsHttp.Password) });
        var (stranger, _) = await Server.CodeUserAsync();
        var token = await Server.NativeTokenAsync(email);
        var flow = await Server.NativeLoginFlowAsync("?refresh=true", token);

        var (status, refused) = await Server.LoginAsync(flow, Send(stranger), token);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4000035], GlobalMessageIds(refused!));
        Assert.Empty(await Server.MessagesAsync(stranger));

        var (_, sent) = await Server.LoginAsync(flow, Send(email), token);
        Assert.Equal("sent_email", sent!["state"]!.GetValue<string>());
        var (ok, body) = await Server.LoginAsync(flow, WithCode(email, await Smtp.CodeAsync(email)), token);
        Assert.True(ok == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal(token, body!["session_token"]!.GetValue<string>());
        Assert.Equal(["password", "code"], body["session"]!["authentication_methods"]!.AsArray().Select(m => m!["method"]!.GetValue<string>()));
    }
}

public sealed class CodeLoginEdgeTests_Sqlite(SqliteCodeServerFixture fixture) : CodeLoginEdgeTests(fixture), IClassFixture<SqliteCodeServerFixture>;

public sealed class CodeLoginEdgeTests_Postgres(PostgresCodeServerFixture fixture) : CodeLoginEdgeTests(fixture), IClassFixture<PostgresCodeServerFixture>;
