using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Strategies.WebAuthn.WebAuthnHttp;

namespace Tessera.Tests.Strategies.WebAuthn;

/// <summary>
/// Admin import of <c>webauthn</c> credentials (API.md §8.5, Kratos's <c>importWebAuthnCredentials</c>): keys registered
/// elsewhere, in the stored shape, that then serve as a second factor; merged by credential id; bad entries refused.
/// </summary>
public abstract class WebAuthnImportTests(WebAuthnMfaServerFixture fixture)
{
    static readonly byte[] Handle = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

    TesseraServer Server => fixture.Require();

    static JsonObject Config(params JsonObject[] keys) =>
        new() { ["credentials"] = new JsonArray([.. keys]), ["user_handle"] = Convert.ToBase64String(Handle) };

    /// <summary>A password login, then the aal2 step-up with <paramref name="key"/>; the final answer.</summary>
    async Task<(HttpStatusCode Status, JsonNode Body)> StepUpAsync(string email, SoftwareAuthenticator key)
    {
        var browser = await Server.PasswordBrowserAsync(email);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser?aal=aal2");
        var allowed = JsonNode.Parse(Options(flow, "webauthn_login_trigger"))!["publicKey"]!["allowCredentials"]!.AsArray();
        Assert.Contains(allowed, a => Base64Url(a!["id"]!.GetValue<string>()).SequenceEqual(key.CredentialId));
        return await browser.SubmitKeyAsync(flow, key);
    }

    [Fact]
    public async Task An_imported_security_key_is_a_second_factor_the_aal2_login_takes()
    {
        var email = HttpJson.Unique("import");
        using var key = new SoftwareAuthenticator();
        var created = await Server.CreateIdentityAsync(ImportBody(email, "webauthn", Config(ImportedKey(key, passwordless: false))));
        var id = created["id"]!.GetValue<string>();
        // As Kratos answers a create: the credential with its identifiers (from the traits) and version, never its config.
        var credential = created["credentials"]!["webauthn"]!;
        Assert.Equal([email], credential["identifiers"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal(0, credential["version"]!.GetValue<int>());
        Assert.Null(credential["config"]);
        Assert.Null((await Server.Admin.GetJsonAsync($"/admin/identities/{id}")).Body!["credentials"]!["webauthn"]!["config"]);

        var identity = await Server.IdentityAsync(id);
        Assert.Equal(Handle, Convert.FromBase64String(identity["credentials"]!["webauthn"]!["config"]!["user_handle"]!.GetValue<string>()));
        var stored = Assert.Single(Keys(identity))!;
        Assert.Equal(key.CredentialId, Convert.FromBase64String(stored["id"]!.GetValue<string>()));
        Assert.Equal(key.PublicKey, Convert.FromBase64String(stored["public_key"]!.GetValue<string>()));
        Assert.Equal("imported", stored["display_name"]!.GetValue<string>());
        Assert.Equal("2024-05-01T10:00:00Z", stored["added_at"]!.GetValue<string>());
        Assert.False(stored["is_passwordless"]!.GetValue<bool>());
        Assert.Equal(["usb"], stored["transport"]!.AsArray().Select(t => t!.GetValue<string>()));

        // The key counts as a second factor: with highest_available the password alone no longer satisfies whoami.
        var browser = await Server.PasswordBrowserAsync(email);
        Assert.Equal("session_aal2_required", ErrorId(await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami", HttpStatusCode.Forbidden)));

        var (status, done) = await StepUpAsync(email, key);
        Assert.True(status == HttpStatusCode.OK, done.ToJsonString());
        Assert.Equal("aal2", done["session"]!["authenticator_assurance_level"]!.GetValue<string>());
        Assert.Equal(["password", "webauthn"], done["session"]!["authentication_methods"]!.AsArray().Select(m => m!["method"]!.GetValue<string>()));
        Assert.Equal(1u, Keys(await Server.IdentityAsync(id))[0]!["authenticator"]!["sign_count"]!.GetValue<uint>());
    }

    [Fact]
    public async Task An_update_replaces_a_key_with_the_same_id_appends_a_new_one_and_keeps_the_user_handle()
    {
        var email = HttpJson.Unique("import");
        using var first = new SoftwareAuthenticator();
        using var second = new SoftwareAuthenticator();
        var id = (await Server.CreateIdentityAsync(ImportBody(email, "webauthn", Config(ImportedKey(first, false, "first")))))["id"]!.GetValue<string>();

        var update = ImportBody(email, "webauthn", new JsonObject
        {
            ["credentials"] = new JsonArray(ImportedKey(second, false, "second"), ImportedKey(first, false, "renamed")),
        }, password: false);
        var (status, body, _) = await Server.Admin.SendAsync(HttpMethod.Put, $"/admin/identities/{id}", update);
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());

        var identity = await Server.IdentityAsync(id);
        var keys = Keys(identity);
        Assert.Equal(["renamed", "second"], keys.Select(k => k!["display_name"]!.GetValue<string>()));
        Assert.Equal(first.CredentialId, Convert.FromBase64String(keys[0]!["id"]!.GetValue<string>()));
        Assert.Equal(Handle, Convert.FromBase64String(identity["credentials"]!["webauthn"]!["config"]!["user_handle"]!.GetValue<string>()));
        Assert.Equal([email], identity["credentials"]!["webauthn"]!["identifiers"]!.AsArray().Select(i => i!.GetValue<string>()));

        // The appended key is usable at once.
        var (stepUp, done) = await StepUpAsync(email, second);
        Assert.True(stepUp == HttpStatusCode.OK, done.ToJsonString());
    }

    [Theory]
    [InlineData("""[{"public_key":"AQID"}]""", "credentials.webauthn.config.credentials[0].id is required")]
    [InlineData("""[{"id":"AQID"}]""", "credentials.webauthn.config.credentials[0].public_key is required")]
    [InlineData("""[{"id":"not base64!","public_key":"AQID"}]""", "credentials.webauthn.config.credentials[0].id must be a non-empty base64 string")]
    [InlineData("""[{"id":"AQID","public_key":""}]""", "credentials.webauthn.config.credentials[0].public_key must be a non-empty base64 string")]
    [InlineData("""[{"id":"AQID","public_key":"AQID"},{"id":"BAUG","public_key":"AQID","authenticator":{"aaguid":"%%"}}]""",
        "credentials.webauthn.config.credentials[1].authenticator.aaguid must be a base64 string")]
    [InlineData("""[{"id":"AQID","public_key":"AQID","authenticator":{"sign_count":-1}}]""", "credentials[0].authenticator.sign_count must be an unsigned 32-bit integer")]
    [InlineData("""[{"id":"AQID","public_key":"AQID","added_at":"yesterday"}]""", "credentials[0].added_at must be an RFC 3339 timestamp")]
    [InlineData("""[{"id":"AQID","public_key":"AQID","is_passwordless":"yes"}]""", "credentials[0].is_passwordless must be a boolean")]
    [InlineData("""[7]""", "credentials.webauthn.config.credentials[0]: every credential must be an object")]
    [InlineData("""{"id":"AQID"}""", "credentials.webauthn.config.credentials must be an array")]
    public async Task An_unreadable_key_is_a_400_naming_the_field_and_nothing_is_written(string keys, string reason)
    {
        var email = HttpJson.Unique("import");
        var bad = new JsonObject { ["credentials"] = JsonNode.Parse(keys) };
        var (status, body, _) = await Server.Admin.PostJsonAsync("/admin/identities", ImportBody(email, "webauthn", bad));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(reason, body!["error"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await Server.Admin.GetJsonAsync($"/admin/identities?credentials_identifier={email}")).Body!.AsArray());

        using var key = new SoftwareAuthenticator();
        var id = (await Server.CreateIdentityAsync(ImportBody(email, "webauthn", Config(ImportedKey(key, false)))))["id"]!.GetValue<string>();
        var (updated, _, _) = await Server.Admin.SendAsync(HttpMethod.Put, $"/admin/identities/{id}", ImportBody(email, "webauthn", bad));
        Assert.Equal(HttpStatusCode.BadRequest, updated);
        var stored = Assert.Single(Keys(await Server.IdentityAsync(id)))!;
        Assert.Equal(key.CredentialId, Convert.FromBase64String(stored["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_user_handle_that_is_not_base64_is_a_400()
    {
        var (status, body, _) = await Server.Admin.PostJsonAsync("/admin/identities",
            ImportBody(HttpJson.Unique("import"), "webauthn", new JsonObject { ["user_handle"] = "**" }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("credentials.webauthn.config.user_handle must be a base64 string", body!["error"]!["reason"]!.GetValue<string>());
    }

    static byte[] Base64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}

public sealed class WebAuthnImportTests_Sqlite(SqliteWebAuthnMfaServerFixture fixture) : WebAuthnImportTests(fixture), IClassFixture<SqliteWebAuthnMfaServerFixture>;

public sealed class WebAuthnImportTests_Postgres(PostgresWebAuthnMfaServerFixture fixture) : WebAuthnImportTests(fixture), IClassFixture<PostgresWebAuthnMfaServerFixture>;
