using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Infrastructure.HttpJson;

namespace Tessera.Tests.Identities;

/// <summary><c>DELETE /admin/identities/{id}/credentials/{type}</c> and credential imports other than passwords.</summary>
public abstract class AdminCredentialTests(ServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    HttpClient Admin => Server.Admin;

    [Fact]
    public async Task The_last_first_factor_cannot_be_removed_but_a_second_one_can()
    {
        var created = await Server.CreateIdentityAsync(new JsonObject
        {
            ["traits"] = new JsonObject { ["email"] = Unique() },
            ["credentials"] = new JsonObject
            {
                ["password"] = new JsonObject { ["config"] = new JsonObject { ["password"] = "a long enough password" } },
                ["oidc"] = new JsonObject { ["config"] = new JsonObject { ["providers"] = new JsonArray(new JsonObject { ["provider"] = "github", ["subject"] = "12345" }) } },
                ["totp"] = new JsonObject { ["config"] = new JsonObject { ["totp_url"] = "otpauth://totp/Tessera:x?secret=JBSWY3DPEHPK3PXP&issuer=Tessera" } },
            },
        });
        var id = created["id"]!.GetValue<string>();
        Assert.Equal(["github:12345"], created["credentials"]!["oidc"]!["identifiers"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal([id], created["credentials"]!["totp"]!["identifiers"]!.AsArray().Select(x => x!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{id}/credentials/totp")).Status);
        var (missing, missingBody, _) = await Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{id}/credentials/totp");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("You tried to remove a totp but this user have no totp set up.", missingBody!["error"]!["reason"]!.GetValue<string>());

        // password may go while the oidc link remains; then the oidc link is the last first factor
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{id}/credentials/password")).Status);
        var (last, lastBody, _) = await Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{id}/credentials/oidc?identifier=github:12345");
        Assert.Equal(HttpStatusCode.BadRequest, last);
        Assert.Equal("You cannot remove the last first factor credential.", lastBody!["error"]!["reason"]!.GetValue<string>());

        // Kratos looks for the credential first: a type the identity lacks is 404, one it has but may not lose is 400.
        var (noCode, _, _) = await Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{id}/credentials/code");
        Assert.Equal(HttpStatusCode.NotFound, noCode);
        var withCode = await Server.CreateIdentityAsync(new JsonObject
        {
            ["schema_id"] = "multi",
            ["traits"] = new JsonObject { ["username"] = "user" + Guid.NewGuid().ToString("N")[..8], ["emails"] = new JsonArray(Unique()) },
            ["credentials"] = new JsonObject { ["password"] = new JsonObject { ["config"] = new JsonObject { ["password"] = "a long enough password" } } },
        });
        var (code, codeBody, _) = await Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{withCode["id"]}/credentials/code");
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("Credentials type code cannot be deleted.", codeBody!["error"]!["reason"]!.GetValue<string>());

        var (_, after, _) = await Admin.GetJsonAsync($"/admin/identities/{id}?include_credential=oidc");
        Assert.Null(after!["credentials"]!["totp"]);
        Assert.Equal("github", after["credentials"]!["oidc"]!["config"]!["providers"]![0]!["provider"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"password":"x"}""")]
    [InlineData("""{"password":{"config":{"hashed_password":{"nested":true}}}}""")]
    [InlineData("""{"oidc":{"config":{"providers":[1,2]}}}""")]
    [InlineData("""{"oidc":{"config":{"providers":[{"provider":5,"subject":[]}]}}}""")]
    [InlineData("""{"lookup_secret":{"config":{"codes":[1]}}}""")]
    [InlineData("""{"totp":{"config":{"totp_url":7}}}""")]
    [InlineData("""{"webauthn":{"config":{"credentials":[{"public_key":"AQID"}]}}}""")]
    [InlineData("""{"webauthn":{"config":{"credentials":[{"id":"AQID","public_key":"*"}]}}}""")]
    [InlineData("""{"webauthn":{"config":{"user_handle":5}}}""")]
    [InlineData("""{"passkey":{"config":{"credentials":[{"id":"AQID","public_key":"AQID"}]}}}""")]
    [InlineData("""{"passkey":{"config":{"user_handle":"AQID","credentials":[]}}}""")]
    public async Task Malformed_credential_imports_are_400_in_single_and_batch_creates(string credentials)
    {
        var single = new JsonObject { ["traits"] = new JsonObject { ["email"] = Unique() }, ["credentials"] = JsonNode.Parse(credentials) };
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.PostJsonAsync("/admin/identities", single)).Status);

        var batch = new JsonObject
        {
            ["identities"] = new JsonArray(new JsonObject
            {
                ["create"] = new JsonObject { ["traits"] = new JsonObject { ["email"] = Unique() }, ["credentials"] = JsonNode.Parse(credentials) },
            }),
        };
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Patch, "/admin/identities", batch);
        Assert.True(status == HttpStatusCode.BadRequest
                    || (status == HttpStatusCode.OK && body!["identities"]![0]!["error"]!["code"]!.GetValue<int>() == 400), $"{status} {body}");
    }

    [Fact]
    public async Task Odd_credential_configs_written_by_patch_do_not_break_later_requests()
    {
        var email = Unique();
        var created = await Server.CreateIdentityAsync(new JsonObject
        {
            ["traits"] = new JsonObject { ["email"] = email },
            ["credentials"] = new JsonObject
            {
                ["password"] = new JsonObject { ["config"] = new JsonObject { ["password"] = "a long enough password" } },
                ["totp"] = new JsonObject { ["config"] = new JsonObject { ["totp_url"] = "otpauth://totp/T:x?secret=JBSWY3DPEHPK3PXP" } },
            },
        });
        var id = created["id"]!.GetValue<string>();
        var (patched, _, _) = await Admin.SendAsync(HttpMethod.Patch, $"/admin/identities/{id}",
            JsonNode.Parse("""[{"op":"replace","path":"/credentials/password/config/hashed_password","value":{"x":1}}]"""));
        Assert.Equal(HttpStatusCode.BadRequest, patched);
        var (odd, _, _) = await Admin.SendAsync(HttpMethod.Patch, $"/admin/identities/{id}",
            JsonNode.Parse("""[{"op":"add","path":"/credentials/totp/config/credentials","value":[1,"two"]}]"""));
        Assert.Equal(HttpStatusCode.OK, odd);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{id}/credentials/totp")).Status);
    }
}

public sealed class AdminCredentialTests_Sqlite(SqliteServerFixture fixture) : AdminCredentialTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class AdminCredentialTests_Postgres(PostgresServerFixture fixture) : AdminCredentialTests(fixture), IClassFixture<PostgresServerFixture>;
