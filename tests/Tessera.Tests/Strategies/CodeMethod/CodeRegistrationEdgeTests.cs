using System.Net;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Strategies.CodeMethod.CodeHttp;

namespace Tessera.Tests.Strategies.CodeMethod;

/// <summary>Registration by code where the address is taken: the code is sent (the answer does not tell), the identity is not made.</summary>
public abstract class CodeRegistrationEdgeTests(CodeServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    [Fact]
    public async Task An_address_someone_has_gets_4000007_after_the_right_code_and_no_second_identity()
    {
        var (email, id) = await Server.CodeUserAsync();
        var flow = await Server.NativeRegistrationFlowAsync();
        var (sentStatus, sent) = await Server.RegisterAsync(flow, SignUp(email));
        Assert.Equal(HttpStatusCode.BadRequest, sentStatus);
        Assert.Equal([1040005], GlobalMessageIds(sent!));

        var (status, body) = await Server.RegisterAsync(flow, SignUp(email, await fixture.Smtp.CodeAsync(email)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4000007], GlobalMessageIds(body!));
        using var listed = await Server.Admin.GetAsync("/admin/identities?credentials_identifier=" + Uri.EscapeDataString(email));
        var identities = System.Text.Json.Nodes.JsonNode.Parse(await listed.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal(id, Assert.Single(identities)!["id"]!.GetValue<string>());
    }
}

public sealed class CodeRegistrationEdgeTests_Sqlite(SqliteCodeServerFixture fixture) : CodeRegistrationEdgeTests(fixture), IClassFixture<SqliteCodeServerFixture>;

public sealed class CodeRegistrationEdgeTests_Postgres(PostgresCodeServerFixture fixture) : CodeRegistrationEdgeTests(fixture), IClassFixture<PostgresCodeServerFixture>;
