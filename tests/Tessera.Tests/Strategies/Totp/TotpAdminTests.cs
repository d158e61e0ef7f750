using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Strategies.Totp.TotpHttp;

namespace Tessera.Tests.Strategies.Totp;

/// <summary>Second factors and the admin API (API.md §7.7, §8.7): deleting credentials and what whoami asks for afterwards.</summary>
public abstract class TotpAdminTests(TotpServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    [Fact]
    public async Task Deleting_totp_lowers_the_available_aal_so_an_aal1_session_passes_whoami_again()
    {
        var (email, id, _) = await Server.UserWithTotpAsync(fixture.Time);
        var token = await Server.NativeTokenAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, await Server.WhoamiAsync(token));

        Assert.Equal(HttpStatusCode.NoContent, (await Server.Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{id}/credentials/totp")).Status);
        Assert.Equal(HttpStatusCode.OK, await Server.WhoamiAsync(token));

        var (again, body, _) = await Server.Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{id}/credentials/totp");
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Equal("You tried to remove a totp but this user have no totp set up.", body!["error"]!["reason"]!.GetValue<string>());

        // The settings flow offers enrolment again.
        var flow = await Server.NativeSettingsFlowAsync(token);
        Assert.Null(Node(flow, "totp_unlink"));
        Assert.NotNull(Node(flow, "totp_code"));
    }

    [Fact]
    public async Task An_imported_totp_url_is_sealed_counts_as_a_second_factor_and_logs_in()
    {
        var email = HttpJson.Unique("import");
        const string secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        var created = await Server.CreateIdentityAsync(new JsonObject
        {
            ["traits"] = new JsonObject { ["email"] = email, ["name"] = new JsonObject { ["first"] = "Ada" } },
            ["credentials"] = new JsonObject
            {
                ["password"] = new JsonObject { ["config"] = new JsonObject { ["password"] = Flows.Settings.SettingsHttp.Password } },
                ["totp"] = new JsonObject { ["config"] = new JsonObject { ["totp_url"] = $"otpauth://totp/Imported:{email}?secret={secret}&issuer=Imported" } },
            },
        });
        var id = created["id"]!.GetValue<string>();

        var (_, shown, _) = await Server.Admin.GetJsonAsync($"/admin/identities/{id}?include_credential=totp");
        // Shown as imported (an export can be imported again), though stored encrypted.
        Assert.Equal($"otpauth://totp/Imported:{email}?secret={secret}&issuer=Imported", shown!["credentials"]!["totp"]!["config"]!["totp_url"]!.GetValue<string>());

        var token = await Server.NativeTokenAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, await Server.WhoamiAsync(token));
        Assert.Equal(HttpStatusCode.OK, (await Server.StepUpAsync(token, Code(secret, fixture.Time))).Status);
        Assert.Equal(HttpStatusCode.OK, await Server.WhoamiAsync(token));
    }

    [Fact]
    public async Task Credentials_that_cannot_be_deleted_and_unknown_identities_answer_as_kratos_does()
    {
        var (_, id) = await Server.CreateUserAsync();

        var (unknown, _, _) = await Server.Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{Guid.NewGuid()}/credentials/totp");
        Assert.Equal(HttpStatusCode.NotFound, unknown);

        var (last, lastBody, _) = await Server.Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{id}/credentials/password");
        Assert.Equal(HttpStatusCode.BadRequest, last);
        Assert.Equal("You cannot remove the last first factor credential.", lastBody!["error"]!["reason"]!.GetValue<string>());

        var (lookup, _, _) = await Server.Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{id}/credentials/lookup_secret");
        Assert.Equal(HttpStatusCode.NotFound, lookup);
    }
}

public sealed class TotpAdminTests_Sqlite(SqliteTotpServerFixture fixture) : TotpAdminTests(fixture), IClassFixture<SqliteTotpServerFixture>;

public sealed class TotpAdminTests_Postgres(PostgresTotpServerFixture fixture) : TotpAdminTests(fixture), IClassFixture<PostgresTotpServerFixture>;
