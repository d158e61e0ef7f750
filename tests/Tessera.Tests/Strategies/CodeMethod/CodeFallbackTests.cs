using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Strategies.CodeMethod.CodeHttp;

namespace Tessera.Tests.Strategies.CodeMethod;

/// <summary>
/// <c>selfservice.methods.code.config.missing_credential_fallback_enabled</c>: identities whose schema marks no code
/// identifier still get login codes, at their password identifier (passwordless) or at a verifiable address (second factor).
/// </summary>
public abstract class CodeFallbackTests(CodeServerFixture passwordless, CodeServerFixture mfa)
{
    static async Task<string> PasswordOnlyUserAsync(TesseraServer server)
    {
        var email = HttpJson.Unique("fallback");
        await server.CreateIdentityAsync(new JsonObject
        {
            ["schema_id"] = CodeServerFixture.PasswordOnlySchema,
            ["traits"] = new JsonObject { ["email"] = email },
            ["credentials"] = HttpJson.Password(SettingsHttp.Password),
        });
        return email;
    }

    [Fact]
    public async Task Passwordless_login_sends_the_code_to_the_password_identifier()
    {
        var server = passwordless.Require();
        var email = await PasswordOnlyUserAsync(server);
        var flow = await server.NativeLoginFlowAsync();

        var (status, sent) = await server.LoginAsync(flow, Send(email));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([1010014], GlobalMessageIds(sent!));
        var (ok, body) = await server.LoginAsync(flow, WithCode(email, await passwordless.Smtp.CodeAsync(email)));
        Assert.True(ok == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal(["code:aal1"], body!["session"]!["authentication_methods"]!.AsArray().Select(m => $"{m!["method"]}:{m["aal"]}"));
        Assert.True(body["session"]!["identity"]!["verifiable_addresses"]![0]!["verified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_second_factor_sends_to_the_verifiable_address_and_its_code_steps_up()
    {
        var server = mfa.Require();
        var email = await PasswordOnlyUserAsync(server);
        var token = await server.NativeTokenAsync(email);
        // Its one verifiable address is its only second factor: the code goes out when the flow opens.
        var flow = await server.NativeLoginFlowAsync("?aal=aal2", token);
        Assert.Equal("sent_email", flow["state"]!.GetValue<string>());
        Assert.Equal(email, Node(flow, "identifier")!["attributes"]!["value"]!.GetValue<string>());
        var (ok, body) = await server.LoginAsync(flow,
            new JsonObject { ["method"] = "code", ["address"] = email, ["code"] = await mfa.Smtp.CodeAsync(email) }, token);
        Assert.True(ok == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal("aal2", body!["session"]!["authenticator_assurance_level"]!.GetValue<string>());
    }
}

public sealed class CodeFallbackTests_Sqlite(SqliteCodeServerFixture passwordless, SqliteCodeMfaServerFixture mfa)
    : CodeFallbackTests(passwordless, mfa), IClassFixture<SqliteCodeServerFixture>, IClassFixture<SqliteCodeMfaServerFixture>;

public sealed class CodeFallbackTests_Postgres(PostgresCodeServerFixture passwordless, PostgresCodeMfaServerFixture mfa)
    : CodeFallbackTests(passwordless, mfa), IClassFixture<PostgresCodeServerFixture>, IClassFixture<PostgresCodeMfaServerFixture>;
