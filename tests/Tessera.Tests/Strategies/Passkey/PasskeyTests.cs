using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Strategies.WebAuthn.WebAuthnHttp;

namespace Tessera.Tests.Strategies.Passkey;

/// <summary>Passkeys (API.md §6.7): registration, discoverable login, settings add and remove; on SQLite and PostgreSQL.</summary>
public abstract class PasskeyTests(PasskeyServerFixture fixture)
{
    const string Origin = PasskeyServerFixture.Origin;

    TesseraServer Server => fixture.Require();

    static string CreationOptions(JsonNode flow) =>
        JsonNode.Parse(Options(flow, "passkey_create_data"))!["credentialOptions"]!.ToJsonString();

    /// <summary>Signs up with <paramref name="key"/> through a browser (JSON); the browser holding the session, and the identity id.</summary>
    async Task<(SettingsBrowser Browser, string Id)> SignUpAsync(string email, SoftwareAuthenticator key)
    {
        var browser = new SettingsBrowser(Server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/registration/browser");
        var data = JsonNode.Parse(Options(flow, "passkey_create_data"))!;
        Assert.Equal("traits.email", data["displayNameFieldName"]!.GetValue<string>());
        var trigger = Node(flow, "passkey_register_trigger")!;
        Assert.Equal("oryPasskeyRegistration", trigger["attributes"]!["onclickTrigger"]!.GetValue<string>());
        Assert.Equal(1040007, trigger["meta"]!["label"]!["id"]!.GetValue<long>());
        var body = await browser.JsonAsync(HttpMethod.Post, $"/self-service/registration?flow={flow["id"]}", HttpStatusCode.OK, new JsonObject
        {
            ["csrf_token"] = CsrfToken(flow),
            ["method"] = "passkey",
            ["traits"] = new JsonObject { ["email"] = email },
            ["passkey_register"] = key.Create(CreationOptions(flow), Origin),
        });
        Assert.Equal("aal1", body["session"]!["authenticator_assurance_level"]!.GetValue<string>());
        return (browser, body["identity"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Spa_signs_up_with_a_passkey_whose_user_handle_is_the_credential_identifier()
    {
        using var key = new SoftwareAuthenticator();
        var (_, id) = await SignUpAsync(HttpJson.Unique("passkey"), key);
        var identity = await Server.IdentityAsync(id);
        var credential = identity["credentials"]!["passkey"]!;
        Assert.Equal([Encoding.UTF8.GetString(key.UserHandle!)], credential["identifiers"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal(64, key.UserHandle!.Length);
        Assert.Equal(key.UserHandle, Convert.FromBase64String(credential["config"]!["user_handle"]!.GetValue<string>()));
        var stored = Assert.Single(Keys(identity, "passkey"));
        Assert.True(stored!["is_passwordless"]!.GetValue<bool>());
        Assert.Equal(key.CredentialId, Convert.FromBase64String(stored["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Spa_logs_in_with_the_passkey_alone()
    {
        using var key = new SoftwareAuthenticator();
        var (_, id) = await SignUpAsync(HttpJson.Unique("passkey"), key);

        var browser = new SettingsBrowser(Server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser");
        Assert.Equal("username webauthn", Node(flow, "identifier")!["attributes"]!["autocomplete"]!.GetValue<string>());
        Assert.Equal("oryPasskeyLoginAutocompleteInit", Node(flow, "passkey_login")!["attributes"]!["onloadTrigger"]!.GetValue<string>());
        Assert.Equal(1010021, Node(flow, "passkey_login_trigger")!["meta"]!["label"]!["id"]!.GetValue<long>());
        var challenge = JsonNode.Parse(Options(flow, "passkey_challenge"))!["publicKey"]!;
        Assert.Empty(challenge["allowCredentials"]!.AsArray());

        var (status, done) = await browser.SubmitPasskeyAsync(flow, key);
        Assert.True(status == HttpStatusCode.OK, done.ToJsonString());
        Assert.Equal(id, done["session"]!["identity"]!["id"]!.GetValue<string>());
        Assert.Equal("aal1", done["session"]!["authenticator_assurance_level"]!.GetValue<string>());
        Assert.Equal(["passkey"], done["session"]!["authentication_methods"]!.AsArray().Select(m => m!["method"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Api_login_takes_the_passkey_and_its_nodes_carry_no_script()
    {
        using var key = new SoftwareAuthenticator();
        var (_, id) = await SignUpAsync(HttpJson.Unique("passkey"), key);

        var (_, flow, _) = await Server.SendAsync(HttpMethod.Get, "/self-service/login/api", null);
        Assert.Null(flow!["ui"]!["nodes"]!.AsArray().FirstOrDefault(n => n!["type"]!.GetValue<string>() == "script"));
        Assert.Null(Node(flow, "passkey_login_trigger")!["attributes"]!["onclick"]);
        var (status, body, _) = await Server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow["id"]}", null, new JsonObject
        {
            ["method"] = "passkey",
            ["passkey_login"] = key.Get(Options(flow, "passkey_challenge"), Origin),
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, body!["session"]!["identity"]!["id"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["session_token"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Browser_form_post_of_the_passkey_logs_in_with_a_redirect()
    {
        using var key = new SoftwareAuthenticator();
        await SignUpAsync(HttpJson.Unique("passkey"), key);
        var browser = new SettingsBrowser(Server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser");
        using var done = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow["id"]}", SettingsBrowser.Form(
            ("csrf_token", CsrfToken(flow)), ("method", "passkey"), ("passkey_login", key.Get(Options(flow, "passkey_challenge"), Origin))));
        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        Assert.Equal(SettingsServerFixture.Ui + "welcome", done.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_passkey_from_another_origin_or_an_unknown_user_is_refused()
    {
        using var key = new SoftwareAuthenticator();
        await SignUpAsync(HttpJson.Unique("passkey"), key);
        var browser = new SettingsBrowser(Server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser");
        var (status, body) = await browser.SubmitLoginAsync(flow, new JsonObject
        {
            ["method"] = "passkey",
            ["passkey_login"] = key.Get(Options(flow, "passkey_challenge"), "https://evil.example"),
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4000043], GlobalMessageIds(body));

        using var stranger = new SoftwareAuthenticator();
        stranger.Create(CreationOptions(await browser.JsonAsync(HttpMethod.Get, "/self-service/registration/browser")), Origin);
        var (unknown, unknownBody) = await browser.SubmitPasskeyAsync(flow, stranger);
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Equal([4000015], GlobalMessageIds(unknownBody));
    }

    [Fact]
    public async Task A_passkey_assertion_whose_counter_did_not_move_on_is_refused()
    {
        using var key = new SoftwareAuthenticator();
        var (_, id) = await SignUpAsync(HttpJson.Unique("passkey"), key);
        var first = new SettingsBrowser(Server);
        var flow = await first.JsonAsync(HttpMethod.Get, "/self-service/login/browser");
        Assert.Equal(HttpStatusCode.OK, (await first.SubmitPasskeyAsync(flow, key)).Status);

        var second = new SettingsBrowser(Server);
        var other = await second.JsonAsync(HttpMethod.Get, "/self-service/login/browser");
        var (status, body) = await second.SubmitLoginAsync(other, new JsonObject
        {
            ["method"] = "passkey",
            ["passkey_login"] = key.Get(Options(other, "passkey_challenge"), Origin, advanceCounter: false),
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4000043], GlobalMessageIds(body));
        Assert.True(Keys(await Server.IdentityAsync(id), "passkey")[0]!["authenticator"]!["clone_warning"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_passkey_is_added_in_settings_used_to_log_in_and_removed_while_the_password_remains()
    {
        var (email, id) = await Server.CreateUserAsync();
        var browser = await Server.PasswordBrowserAsync(email);
        var flow = await browser.SettingsFlowAsync();
        var trigger = Node(flow, "passkey_register_trigger")!;
        Assert.Equal("oryPasskeySettingsRegistration", trigger["attributes"]!["onclickTrigger"]!.GetValue<string>());
        Assert.Equal(1050019, trigger["meta"]!["label"]!["id"]!.GetValue<long>());
        var options = Options(flow, "passkey_create_data");
        Assert.Equal(email, JsonNode.Parse(options)!["publicKey"]!["user"]!["name"]!.GetValue<string>());

        using var key = new SoftwareAuthenticator();
        using var added = await browser.SendAsync(HttpMethod.Post, $"/self-service/settings?flow={flow["id"]}", JsonBody(new JsonObject
        {
            ["csrf_token"] = CsrfToken(flow),
            ["method"] = "passkey",
            ["passkey_settings_register"] = key.Create(options, Origin),
        }), json: true);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Single(Keys(await Server.IdentityAsync(id), "passkey"));
        // As in Kratos, adding the passkey proves it: the session gets {passkey, aal1}.
        var session = await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami");
        Assert.Equal([("password", "aal1"), ("passkey", "aal1")],
            session["authentication_methods"]!.AsArray().Select(m => (m!["method"]!.GetValue<string>(), m["aal"]!.GetValue<string>())));

        var login = new SettingsBrowser(Server);
        var loginFlow = await login.JsonAsync(HttpMethod.Get, "/self-service/login/browser");
        var (status, done) = await login.SubmitPasskeyAsync(loginFlow, key);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, done["session"]!["identity"]!["id"]!.GetValue<string>());

        var settings = await browser.SettingsFlowAsync();
        var remove = Node(settings, "passkey_remove", key.CredentialIdHex)!;
        Assert.False(remove["attributes"]!["disabled"]!.GetValue<bool>());
        Assert.Equal(1050020, remove["meta"]!["label"]!["id"]!.GetValue<long>());
        using var removed = await browser.SendAsync(HttpMethod.Post, $"/self-service/settings?flow={settings["id"]}", JsonBody(new JsonObject
        {
            ["csrf_token"] = CsrfToken(settings),
            ["method"] = "passkey",
            ["passkey_remove"] = key.CredentialIdHex,
        }), json: true);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Null((await Server.IdentityAsync(id))["credentials"]!["passkey"]);
    }

    [Fact]
    public async Task A_browser_refresh_allows_only_the_sessions_passkeys_and_one_refreshes_the_session()
    {
        var email = HttpJson.Unique("passkey");
        using var key = new SoftwareAuthenticator();
        var (browser, _) = await SignUpAsync(email, key);
        using var stranger = new SoftwareAuthenticator();
        await SignUpAsync(HttpJson.Unique("passkey"), stranger);
        var before = await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami");
        fixture.Time.Advance(TimeSpan.FromMinutes(30));

        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser?refresh=true");
        var allowed = JsonNode.Parse(Options(flow, "passkey_challenge"))!["publicKey"]!["allowCredentials"]!.AsArray();
        Assert.Equal(key.CredentialId, Convert.FromBase64String(ToBase64(allowed.Single()!["id"]!.GetValue<string>())));
        Assert.Equal(1010021, Node(flow, "passkey_login_trigger")!["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.Null(Node(flow, "passkey_login")!["attributes"]!["onloadTrigger"]);
        Assert.Equal("hidden", Node(flow, "identifier")!["attributes"]!["type"]!.GetValue<string>());
        Assert.Equal(email, Node(flow, "identifier")!["attributes"]!["value"]!.GetValue<string>());
        Assert.Contains(flow["ui"]!["nodes"]!.AsArray(), n => n!["attributes"]!["id"]?.GetValue<string>() == "webauthn_script");

        // Another identity's passkey is not among the allowed ones.
        var (refused, refusedBody) = await browser.SubmitPasskeyAsync(flow, stranger);
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal([4000043], GlobalMessageIds(refusedBody));

        var (status, done) = await browser.SubmitPasskeyAsync(flow, key);
        Assert.True(status == HttpStatusCode.OK, done.ToJsonString());
        var session = done["session"]!;
        Assert.Equal(before["id"]!.GetValue<string>(), session["id"]!.GetValue<string>());
        Assert.True(session["authenticated_at"]!.GetValue<DateTime>() > before["authenticated_at"]!.GetValue<DateTime>());
        Assert.Equal(["passkey", "passkey"], session["authentication_methods"]!.AsArray().Select(m => m!["method"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_api_refresh_with_the_session_token_offers_its_passkeys_without_script_and_refreshes_that_session()
    {
        var email = HttpJson.Unique("passkey");
        using var key = new SoftwareAuthenticator { UserHandle = Encoding.ASCII.GetBytes(Guid.NewGuid().ToString("N")) };
        await Server.CreateIdentityAsync(ImportBody(email, "passkey", new JsonObject
        {
            ["credentials"] = new JsonArray(ImportedKey(key, passwordless: true)),
            ["user_handle"] = Convert.ToBase64String(key.UserHandle),
        }));
        var token = await Server.NativeTokenAsync(email);
        var (_, before, _) = await Server.SendAsync(HttpMethod.Get, "/sessions/whoami", token);
        fixture.Time.Advance(TimeSpan.FromMinutes(30));

        var (_, flow, _) = await Server.SendAsync(HttpMethod.Get, "/self-service/login/api?refresh=true", token);
        Assert.Null(flow!["ui"]!["nodes"]!.AsArray().FirstOrDefault(n => n!["type"]!.GetValue<string>() == "script"));
        Assert.Null(Node(flow, "passkey_login_trigger")!["attributes"]!["onclick"]);
        var allowed = JsonNode.Parse(Options(flow, "passkey_challenge"))!["publicKey"]!["allowCredentials"]!.AsArray();
        Assert.Equal(key.CredentialId, Convert.FromBase64String(ToBase64(allowed.Single()!["id"]!.GetValue<string>())));

        var (status, body, _) = await Server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow["id"]}", token, new JsonObject
        {
            ["method"] = "passkey",
            ["passkey_login"] = key.Get(Options(flow, "passkey_challenge"), Origin),
        });
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal(token, body!["session_token"]!.GetValue<string>());
        Assert.Equal(before!["id"]!.GetValue<string>(), body["session"]!["id"]!.GetValue<string>());
        Assert.True(body["session"]!["authenticated_at"]!.GetValue<DateTime>() > before["authenticated_at"]!.GetValue<DateTime>());
        Assert.Equal(["password", "passkey"], body["session"]!["authentication_methods"]!.AsArray().Select(m => m!["method"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_refresh_of_an_identity_without_passkeys_offers_none()
    {
        var (email, _) = await Server.CreateUserAsync();
        var browser = await Server.PasswordBrowserAsync(email);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser?refresh=true");
        Assert.Null(Node(flow, "passkey_challenge"));
        Assert.Null(Node(flow, "passkey_login_trigger"));
        Assert.NotNull(Node(flow, "password"));
    }

    static string ToBase64(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }

    [Fact]
    public async Task The_only_passkey_of_an_identity_without_a_password_cannot_be_removed()
    {
        using var key = new SoftwareAuthenticator();
        var (browser, _) = await SignUpAsync(HttpJson.Unique("passkey"), key);
        var flow = await browser.SettingsFlowAsync();
        Assert.True(Node(flow, "passkey_remove", key.CredentialIdHex)!["attributes"]!["disabled"]!.GetValue<bool>());
        var answer = await browser.JsonAsync(HttpMethod.Post, $"/self-service/settings?flow={flow["id"]}", HttpStatusCode.BadRequest, new JsonObject
        {
            ["csrf_token"] = CsrfToken(flow),
            ["method"] = "passkey",
            ["passkey_remove"] = key.CredentialIdHex,
        });
        Assert.Equal([4000001], NodeMessageIds(answer, "passkey_remove"));
    }
}

public sealed class PasskeyTests_Sqlite(SqlitePasskeyServerFixture fixture) : PasskeyTests(fixture), IClassFixture<SqlitePasskeyServerFixture>;

public sealed class PasskeyTests_Postgres(PostgresPasskeyServerFixture fixture) : PasskeyTests(fixture), IClassFixture<PostgresPasskeyServerFixture>;
