using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Strategies.WebAuthn.WebAuthnHttp;

namespace Tessera.Tests.Strategies.Passkey;

/// <summary>
/// <c>DELETE /admin/identities/{id}/credentials/passkey</c>: the issue asks for it where Kratos has not built it yet (400);
/// Tessera removes every passkey, or the one named by its hex id, while the identity keeps a first factor.
/// </summary>
public abstract class PasskeyAdminDeleteTests(PasskeyServerFixture fixture)
{
    const string Origin = PasskeyServerFixture.Origin;

    TesseraServer Server => fixture.Require();

    /// <summary>An identity (with a password unless told otherwise) holding imported passkeys of <paramref name="keys"/>; its id.</summary>
    async Task<string> WithPasskeysAsync(bool password, params SoftwareAuthenticator[] keys)
    {
        var handle = Encoding.ASCII.GetBytes(RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 64));
        foreach (var key in keys)
        {
            key.UserHandle = handle;
        }

        var config = new JsonObject
        {
            ["credentials"] = new JsonArray([.. keys.Select(k => (JsonNode)ImportedKey(k, passwordless: true))]),
            ["user_handle"] = Convert.ToBase64String(handle),
        };
        var created = await Server.CreateIdentityAsync(ImportBody(HttpJson.Unique("delete"), "passkey", config, password));
        return created["id"]!.GetValue<string>();
    }

    async Task<HttpStatusCode> PasskeyLoginAsync(SoftwareAuthenticator key)
    {
        var browser = new SettingsBrowser(Server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser");
        var (status, _) = await browser.SubmitLoginAsync(flow, new JsonObject { ["method"] = "passkey", ["passkey_login"] = key.Get(Options(flow, "passkey_challenge"), Origin) });
        return status;
    }

    [Fact]
    public async Task Deleting_the_passkeys_of_an_identity_with_a_password_removes_them_and_their_login()
    {
        using var key = new SoftwareAuthenticator();
        var id = await WithPasskeysAsync(password: true, key);
        Assert.Equal(HttpStatusCode.OK, await PasskeyLoginAsync(key));

        var (status, _, _) = await Server.Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{id}/credentials/passkey");

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Null((await Server.IdentityAsync(id))["credentials"]!["passkey"]);
        Assert.NotEqual(HttpStatusCode.OK, await PasskeyLoginAsync(key));
    }

    [Fact]
    public async Task One_passkey_named_by_its_hex_id_goes_and_the_other_still_logs_in()
    {
        using var gone = new SoftwareAuthenticator();
        using var kept = new SoftwareAuthenticator();
        var id = await WithPasskeysAsync(password: false, gone, kept);

        var (unknown, unknownBody, _) = await Server.Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{id}/credentials/passkey?identifier=00ff");
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal("The identifier `00ff` was not found among passkey credentials.", unknownBody!["error"]!["reason"]!.GetValue<string>());

        var (status, _, _) = await Server.Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{id}/credentials/passkey?identifier={gone.CredentialIdHex}");
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.NotEqual(HttpStatusCode.OK, await PasskeyLoginAsync(gone));
        Assert.Equal(HttpStatusCode.OK, await PasskeyLoginAsync(kept));
    }

    [Fact]
    public async Task The_last_first_factor_is_not_deleted()
    {
        using var key = new SoftwareAuthenticator();
        var id = await WithPasskeysAsync(password: false, key);

        var (status, body, _) = await Server.Admin.SendAsync(HttpMethod.Delete, $"/admin/identities/{id}/credentials/passkey");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("You cannot remove the last first factor credential.", body!["error"]!["reason"]!.GetValue<string>());
        Assert.NotNull((await Server.IdentityAsync(id))["credentials"]!["passkey"]);
        Assert.Equal(HttpStatusCode.OK, await PasskeyLoginAsync(key));
    }
}

public sealed class PasskeyAdminDeleteTests_Sqlite(SqlitePasskeyServerFixture fixture) : PasskeyAdminDeleteTests(fixture), IClassFixture<SqlitePasskeyServerFixture>;

public sealed class PasskeyAdminDeleteTests_Postgres(PostgresPasskeyServerFixture fixture) : PasskeyAdminDeleteTests(fixture), IClassFixture<PostgresPasskeyServerFixture>;
