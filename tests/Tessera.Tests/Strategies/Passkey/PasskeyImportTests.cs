using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Strategies.WebAuthn.WebAuthnHttp;

namespace Tessera.Tests.Strategies.Passkey;

/// <summary>
/// Admin import of <c>passkey</c> credentials (API.md §8.5, Kratos's <c>importPasskeyCredentials</c>): the user handle the
/// authenticator holds becomes the identifier the discoverable login finds the identity by; without one, or without a
/// key, the import is refused.
/// </summary>
public abstract class PasskeyImportTests(PasskeyServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    /// <summary>A passkey registered elsewhere: its authenticator returns <see cref="SoftwareAuthenticator.UserHandle"/> in assertions.</summary>
    static SoftwareAuthenticator RegisteredElsewhere() =>
        new() { UserHandle = Encoding.ASCII.GetBytes(RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 64)) };

    static JsonObject Config(byte[]? handle, params JsonObject[] keys)
    {
        var config = new JsonObject { ["credentials"] = new JsonArray([.. keys]) };
        if (handle is not null)
        {
            config["user_handle"] = Convert.ToBase64String(handle);
        }

        return config;
    }

    static string[] Identifiers(JsonNode identity) =>
        [.. identity["credentials"]!["passkey"]!["identifiers"]!.AsArray().Select(i => i!.GetValue<string>())];

    async Task<(HttpStatusCode Status, JsonNode Body)> PasskeyLoginAsync(SoftwareAuthenticator key)
    {
        var browser = new SettingsBrowser(Server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser");
        return await browser.SubmitPasskeyAsync(flow, key);
    }

    [Fact]
    public async Task An_imported_passkey_logs_in_by_the_user_handle_its_authenticator_returns()
    {
        var email = HttpJson.Unique("import");
        using var key = RegisteredElsewhere();
        var created = await Server.CreateIdentityAsync(ImportBody(email, "passkey", Config(key.UserHandle, ImportedKey(key, passwordless: true))));
        var id = created["id"]!.GetValue<string>();
        Assert.Equal([Encoding.UTF8.GetString(key.UserHandle!)], Identifiers(created));
        Assert.Equal(0, created["credentials"]!["passkey"]!["version"]!.GetValue<int>());
        Assert.Null(created["credentials"]!["passkey"]!["config"]);
        var identity = await Server.IdentityAsync(id);
        Assert.Equal(key.UserHandle, Convert.FromBase64String(identity["credentials"]!["passkey"]!["config"]!["user_handle"]!.GetValue<string>()));

        var (status, done) = await PasskeyLoginAsync(key);
        Assert.True(status == HttpStatusCode.OK, done.ToJsonString());
        Assert.Equal(id, done["session"]!["identity"]!["id"]!.GetValue<string>());
        Assert.Equal(["passkey"], done["session"]!["authentication_methods"]!.AsArray().Select(m => m!["method"]!.GetValue<string>()));

        // The imported passkey counts as a first factor beside the password, so settings let either go.
        var settings = await (await Server.PasswordBrowserAsync(email)).SettingsFlowAsync();
        Assert.False(Node(settings, "passkey_remove", key.CredentialIdHex)!["attributes"]!["disabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_passkey_import_needs_a_user_handle_and_a_key()
    {
        var email = HttpJson.Unique("import");
        using var key = RegisteredElsewhere();
        var (noHandle, noHandleBody, _) = await Server.Admin.PostJsonAsync("/admin/identities", ImportBody(email, "passkey", Config(null, ImportedKey(key, true))));
        Assert.Equal(HttpStatusCode.BadRequest, noHandle);
        Assert.Equal("Passkey credential import requires a non-empty user_handle. It must match the WebAuthn user handle stored on the authenticator.",
            noHandleBody!["error"]!["reason"]!.GetValue<string>());
        var (noKey, noKeyBody, _) = await Server.Admin.PostJsonAsync("/admin/identities", ImportBody(email, "passkey", Config(key.UserHandle)));
        Assert.Equal(HttpStatusCode.BadRequest, noKey);
        Assert.Equal("Passkey credential import requires at least one entry in credentials.passkey.config.credentials.",
            noKeyBody!["error"]!["reason"]!.GetValue<string>());
        Assert.Empty((await Server.Admin.GetJsonAsync($"/admin/identities?credentials_identifier={email}")).Body!.AsArray());

        // Once a passkey has a handle, later imports may leave it out and inherit it; a new handle becomes a second identifier.
        var id = (await Server.CreateIdentityAsync(ImportBody(email, "passkey", Config(key.UserHandle, ImportedKey(key, true)))))["id"]!.GetValue<string>();
        using var other = RegisteredElsewhere();
        Assert.Equal(HttpStatusCode.OK, (await Server.Admin.SendAsync(HttpMethod.Put, $"/admin/identities/{id}",
            ImportBody(email, "passkey", Config(null, ImportedKey(other, true)), password: false))).Status);
        var inherited = await Server.IdentityAsync(id);
        Assert.Equal([Encoding.UTF8.GetString(key.UserHandle!)], Identifiers(inherited));
        Assert.Equal(key.UserHandle, Convert.FromBase64String(inherited["credentials"]!["passkey"]!["config"]!["user_handle"]!.GetValue<string>()));
        Assert.Equal(2, Keys(inherited, "passkey").Count);

        Assert.Equal(HttpStatusCode.OK, (await Server.Admin.SendAsync(HttpMethod.Put, $"/admin/identities/{id}",
            ImportBody(email, "passkey", Config(other.UserHandle), password: false))).Status);
        var renamed = await Server.IdentityAsync(id);
        // Identifiers are a set: the store does not keep the order they were given in.
        Assert.Equal(new[] { Encoding.UTF8.GetString(key.UserHandle!), Encoding.UTF8.GetString(other.UserHandle!) }.Order(), Identifiers(renamed).Order());
        Assert.Equal(other.UserHandle, Convert.FromBase64String(renamed["credentials"]!["passkey"]!["config"]!["user_handle"]!.GetValue<string>()));

        // Either handle finds the identity.
        Assert.Equal(id, (await PasskeyLoginAsync(key)).Body["session"]!["identity"]!["id"]!.GetValue<string>());
        Assert.Equal(id, (await PasskeyLoginAsync(other)).Body["session"]!["identity"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_batch_endpoint_imports_passkeys_and_answers_a_refused_one_in_its_entry()
    {
        using var key = RegisteredElsewhere();
        using var refused = RegisteredElsewhere();
        var batch = new JsonObject
        {
            ["identities"] = new JsonArray(
                new JsonObject { ["create"] = ImportBody(HttpJson.Unique("batch"), "passkey", Config(key.UserHandle, ImportedKey(key, true)), password: false) },
                new JsonObject { ["create"] = ImportBody(HttpJson.Unique("batch"), "passkey", Config(null, ImportedKey(refused, true)), password: false) }),
        };
        var (status, body, _) = await Server.Admin.SendAsync(HttpMethod.Patch, "/admin/identities", batch);
        Assert.Equal(HttpStatusCode.OK, status);
        var results = body!["identities"]!.AsArray();
        Assert.Equal("create", results[0]!["action"]!.GetValue<string>());
        Assert.Equal("error", results[1]!["action"]!.GetValue<string>());
        Assert.Equal(400, results[1]!["error"]!["code"]!.GetValue<int>());

        var (login, done) = await PasskeyLoginAsync(key);
        Assert.True(login == HttpStatusCode.OK, done.ToJsonString());
        Assert.Equal(results[0]!["identity"]!.GetValue<string>(), done["session"]!["identity"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Two_identities_cannot_import_the_same_user_handle()
    {
        using var key = RegisteredElsewhere();
        await Server.CreateIdentityAsync(ImportBody(HttpJson.Unique("import"), "passkey", Config(key.UserHandle, ImportedKey(key, true))));
        var (status, _, _) = await Server.Admin.PostJsonAsync("/admin/identities",
            ImportBody(HttpJson.Unique("import"), "passkey", Config(key.UserHandle, ImportedKey(key, true))));
        Assert.Equal(HttpStatusCode.Conflict, status);
    }
}

public sealed class PasskeyImportTests_Sqlite(SqlitePasskeyServerFixture fixture) : PasskeyImportTests(fixture), IClassFixture<SqlitePasskeyServerFixture>;

public sealed class PasskeyImportTests_Postgres(PostgresPasskeyServerFixture fixture) : PasskeyImportTests(fixture), IClassFixture<PostgresPasskeyServerFixture>;
