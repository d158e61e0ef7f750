using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Strategies.WebAuthn.WebAuthnHttp;

namespace Tessera.Tests.Strategies.WebAuthn;

/// <summary>Security keys as a second factor (API.md §6.6): added in settings, used for aal2 logins, removed; on SQLite and PostgreSQL.</summary>
public abstract class WebAuthnMfaTests(WebAuthnMfaServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    [Fact]
    public async Task Spa_adds_a_key_in_settings_the_session_reaches_aal2_and_the_identity_shows_the_key()
    {
        var (email, id) = await Server.CreateUserAsync();
        var browser = await Server.PasswordBrowserAsync(email);
        var flow = await browser.SettingsFlowAsync();
        var trigger = Node(flow, "webauthn_register_trigger")!;
        Assert.Equal("button", trigger["attributes"]!["type"]!.GetValue<string>());
        Assert.Equal("oryWebAuthnRegistration", trigger["attributes"]!["onclickTrigger"]!.GetValue<string>());
        Assert.Equal(1050012, trigger["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.Equal(1050013, Node(flow, "webauthn_register_displayname")!["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.Equal("hidden", Node(flow, "webauthn_register")!["attributes"]!["type"]!.GetValue<string>());
        var publicKey = JsonNode.Parse(Options(flow, "webauthn_register_trigger"))!["publicKey"]!;
        Assert.Equal("localhost", publicKey["rp"]!["id"]!.GetValue<string>());
        Assert.Equal(Guid.Parse(id).ToByteArray(bigEndian: true), Convert.FromBase64String(ToBase64(publicKey["user"]!["id"]!.GetValue<string>())));

        using var key = new SoftwareAuthenticator();
        var (status, body) = await browser.AddKeyAsync(key, displayName: "yubi");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal("success", body["state"]!.GetValue<string>());
        Assert.Equal(1050018, Node(body, "webauthn_remove", key.CredentialIdHex)!["meta"]!["label"]!["id"]!.GetValue<long>());

        var session = await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami");
        Assert.Equal("aal2", session["authenticator_assurance_level"]!.GetValue<string>());
        Assert.Contains(session["authentication_methods"]!.AsArray(), m => m!["method"]!.GetValue<string>() == "webauthn" && m["aal"]!.GetValue<string>() == "aal2");

        var identity = await Server.IdentityAsync(id);
        var stored = Assert.Single(Keys(identity));
        Assert.Equal(key.CredentialId, Convert.FromBase64String(stored!["id"]!.GetValue<string>()));
        Assert.Equal("yubi", stored["display_name"]!.GetValue<string>());
        Assert.False(stored["is_passwordless"]!.GetValue<bool>());
        Assert.Equal("none", stored["attestation_type"]!.GetValue<string>());
        Assert.Equal([email], identity["credentials"]!["webauthn"]!["identifiers"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal(Guid.Parse(id).ToByteArray(bigEndian: true), Convert.FromBase64String(identity["credentials"]!["webauthn"]!["config"]!["user_handle"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_packed_self_attestation_is_accepted()
    {
        var (email, id) = await Server.CreateUserAsync();
        var browser = await Server.PasswordBrowserAsync(email);
        var flow = await browser.SettingsFlowAsync();
        using var key = new SoftwareAuthenticator();
        using var response = await browser.SendAsync(HttpMethod.Post, $"/self-service/settings?flow={flow["id"]}", JsonBody(new JsonObject
        {
            ["csrf_token"] = CsrfToken(flow),
            ["method"] = "webauthn",
            ["webauthn_register"] = key.Create(Options(flow, "webauthn_register_trigger"), WebAuthnServerFixture.Origin, packed: true),
        }), json: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("packed", Keys(await Server.IdentityAsync(id))[0]!["attestation_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Spa_password_login_then_the_key_steps_the_session_up_to_aal2()
    {
        var (email, _) = await Server.CreateUserAsync();
        using var key = new SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.OK, (await (await Server.PasswordBrowserAsync(email)).AddKeyAsync(key)).Status);

        var browser = new SettingsBrowser(Server);
        var first = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser");
        Assert.Null(Node(first, "webauthn_login_trigger"));
        // The first factor's answer for an identity with a second factor belongs to the AAL work; the key comes after it.
        var (loggedIn, _) = await browser.SubmitLoginAsync(first, new JsonObject { ["identifier"] = email, ["password"] = SettingsHttp.Password, ["method"] = "password" });
        Assert.NotEqual(HttpStatusCode.BadRequest, loggedIn);
        Assert.True(browser.Jar.Cookies.ContainsKey("ory_kratos_session"));

        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser?aal=aal2");
        var trigger = Node(flow, "webauthn_login_trigger")!;
        Assert.Equal("oryWebAuthnLogin", trigger["attributes"]!["onclickTrigger"]!.GetValue<string>());
        Assert.Equal(1010008, trigger["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.Equal(email, Node(flow, "identifier")!["attributes"]!["value"]!.GetValue<string>());
        var allowed = JsonNode.Parse(Options(flow, "webauthn_login_trigger"))!["publicKey"]!["allowCredentials"]!.AsArray();
        Assert.Equal(key.CredentialId, Convert.FromBase64String(ToBase64(allowed.Single()!["id"]!.GetValue<string>())));

        var (status, done) = await browser.SubmitKeyAsync(flow, key);
        Assert.True(status == HttpStatusCode.OK, done.ToJsonString());
        Assert.Equal("aal2", done["session"]!["authenticator_assurance_level"]!.GetValue<string>());
        Assert.Equal(["password", "webauthn"], done["session"]!["authentication_methods"]!.AsArray().Select(m => m!["method"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Browser_form_post_of_the_key_completes_the_aal2_login_with_a_redirect()
    {
        var (email, id) = await Server.CreateUserAsync();
        using var key = new SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.OK, (await (await Server.PasswordBrowserAsync(email)).AddKeyAsync(key)).Status);

        var browser = await Server.PasswordBrowserAsync(email);
        using var init = await browser.SendAsync(HttpMethod.Get, "/self-service/login/browser?aal=aal2");
        Assert.Equal(HttpStatusCode.SeeOther, init.StatusCode);
        var flowId = init.Headers.Location!.ToString().Split("flow=")[1];
        var flow = await browser.JsonAsync(HttpMethod.Get, $"/self-service/login/flows?id={flowId}");
        using var done = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flowId}", SettingsBrowser.Form(
            ("csrf_token", CsrfToken(flow)), ("method", "webauthn"),
            ("webauthn_login", key.Get(Options(flow, "webauthn_login_trigger"), WebAuthnServerFixture.Origin))));
        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        Assert.Equal(SettingsServerFixture.Ui + "welcome", done.Headers.Location!.ToString());
        var session = await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami");
        Assert.Equal("aal2", session["authenticator_assurance_level"]!.GetValue<string>());
        Assert.Equal(1u, Keys(await Server.IdentityAsync(id))[0]!["authenticator"]!["sign_count"]!.GetValue<uint>());
    }

    [Fact]
    public async Task An_aal2_refresh_offers_the_sessions_keys_and_the_key_refreshes_the_session()
    {
        var (email, _) = await Server.CreateUserAsync();
        using var key = new SoftwareAuthenticator();
        var browser = await Server.PasswordBrowserAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await browser.AddKeyAsync(key)).Status);
        var before = await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami");
        fixture.Time.Advance(TimeSpan.FromMinutes(30));

        // As in Kratos, an aal1 refresh offers only passwordless keys, and this identity has none.
        Assert.Null(Node(await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser?refresh=true"), "webauthn_login_trigger"));

        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser?refresh=true&aal=aal2");
        Assert.Contains(1010003L, GlobalMessageIds(flow));
        Assert.Equal(1010008, Node(flow, "webauthn_login_trigger")!["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.Equal("hidden", Node(flow, "identifier")!["attributes"]!["type"]!.GetValue<string>());
        Assert.Equal(email, Node(flow, "identifier")!["attributes"]!["value"]!.GetValue<string>());
        var allowed = JsonNode.Parse(Options(flow, "webauthn_login_trigger"))!["publicKey"]!["allowCredentials"]!.AsArray();
        Assert.Equal(key.CredentialId, Convert.FromBase64String(ToBase64(allowed.Single()!["id"]!.GetValue<string>())));

        var (status, done) = await browser.SubmitKeyAsync(flow, key);
        Assert.True(status == HttpStatusCode.OK, done.ToJsonString());
        var session = done["session"]!;
        Assert.Equal(before["id"]!.GetValue<string>(), session["id"]!.GetValue<string>());
        Assert.True(session["authenticated_at"]!.GetValue<DateTime>() > before["authenticated_at"]!.GetValue<DateTime>());
        Assert.Equal(["password", "webauthn", "webauthn"], session["authentication_methods"]!.AsArray().Select(m => m!["method"]!.GetValue<string>()));
        var after = await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami");
        Assert.Equal(session["authenticated_at"]!.GetValue<DateTime>(), after["authenticated_at"]!.GetValue<DateTime>());
    }

    [Fact]
    public async Task An_aal1_refresh_offers_only_passwordless_keys_and_takes_one_with_the_identifier()
    {
        var email = HttpJson.Unique("refresh");
        using var second = new SoftwareAuthenticator();
        using var passwordless = new SoftwareAuthenticator();
        await Server.CreateIdentityAsync(ImportBody(email, "webauthn", new JsonObject
        {
            ["credentials"] = new JsonArray(ImportedKey(second, passwordless: false), ImportedKey(passwordless, passwordless: true)),
        }));
        var browser = await Server.PasswordBrowserAsync(email);

        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser?refresh=true");
        var allowed = JsonNode.Parse(Options(flow, "webauthn_login_trigger"))!["publicKey"]!["allowCredentials"]!.AsArray();
        Assert.Equal(passwordless.CredentialId, Convert.FromBase64String(ToBase64(allowed.Single()!["id"]!.GetValue<string>())));
        var (status, done) = await browser.SubmitKeyAsync(flow, passwordless, email);
        Assert.True(status == HttpStatusCode.OK, done.ToJsonString());
        Assert.Equal(["password", "webauthn"], done["session"]!["authentication_methods"]!.AsArray().Select(m => m!["method"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Api_flows_offer_no_webauthn_and_a_webauthn_submission_finds_no_strategy()
    {
        var (email, _) = await Server.CreateUserAsync();
        using var key = new SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.OK, (await (await Server.PasswordBrowserAsync(email)).AddKeyAsync(key)).Status);

        var token = await Server.NativeTokenAsync(email);
        var (_, aal2, _) = await Server.SendAsync(HttpMethod.Get, "/self-service/login/api?aal=aal2", token);
        Assert.Null(Node(aal2!, "webauthn_login_trigger"));
        var (status, body, _) = await Server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={aal2!["id"]}", token,
            new JsonObject { ["method"] = "webauthn", ["webauthn_login"] = "{}" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4010002], GlobalMessageIds(body!));
    }

    [Fact]
    public async Task A_registration_from_another_origin_is_refused_and_no_key_is_stored()
    {
        var (email, id) = await Server.CreateUserAsync();
        var browser = await Server.PasswordBrowserAsync(email);
        using var key = new SoftwareAuthenticator();
        var (status, body) = await browser.AddKeyAsync(key, origin: "http://evil.example:4455");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Unable to create WebAuthn credential", body["error"]!["reason"]!.GetValue<string>());
        Assert.Empty(Keys(await Server.IdentityAsync(id)));
    }

    [Fact]
    public async Task A_login_from_another_origin_is_refused_with_4000043()
    {
        var (email, _) = await Server.CreateUserAsync();
        using var key = new SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.OK, (await (await Server.PasswordBrowserAsync(email)).AddKeyAsync(key)).Status);

        var browser = await Server.PasswordBrowserAsync(email);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser?aal=aal2");
        var (status, body) = await browser.SubmitLoginAsync(flow, new JsonObject
        {
            ["method"] = "webauthn",
            ["webauthn_login"] = key.Get(Options(flow, "webauthn_login_trigger"), "http://localhost:9999"),
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4000043], GlobalMessageIds(body));
        var session = await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami", HttpStatusCode.Forbidden);
        Assert.Equal("session_aal2_required", ErrorId(session));
    }

    [Fact]
    public async Task An_assertion_replayed_on_another_flow_is_refused()
    {
        var (email, _) = await Server.CreateUserAsync();
        using var key = new SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.OK, (await (await Server.PasswordBrowserAsync(email)).AddKeyAsync(key)).Status);

        var first = await Server.PasswordBrowserAsync(email);
        var flow = await first.JsonAsync(HttpMethod.Get, "/self-service/login/browser?aal=aal2");
        var assertion = key.Get(Options(flow, "webauthn_login_trigger"), WebAuthnServerFixture.Origin);
        Assert.Equal(HttpStatusCode.OK, (await first.SubmitLoginAsync(flow, new JsonObject { ["method"] = "webauthn", ["webauthn_login"] = assertion })).Status);

        var second = await Server.PasswordBrowserAsync(email);
        var other = await second.JsonAsync(HttpMethod.Get, "/self-service/login/browser?aal=aal2");
        var (status, body) = await second.SubmitLoginAsync(other, new JsonObject { ["method"] = "webauthn", ["webauthn_login"] = assertion });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4000043], GlobalMessageIds(body));
    }

    [Fact]
    public async Task Racing_submissions_of_one_assertion_to_its_flow_step_up_exactly_once()
    {
        var (email, _) = await Server.CreateUserAsync();
        using var key = new SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.OK, (await (await Server.PasswordBrowserAsync(email)).AddKeyAsync(key)).Status);

        var browser = await Server.PasswordBrowserAsync(email);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser?aal=aal2");
        var assertion = key.Get(Options(flow, "webauthn_login_trigger"), WebAuthnServerFixture.Origin);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            browser.SubmitLoginAsync(flow, new JsonObject { ["method"] = "webauthn", ["webauthn_login"] = assertion })));

        Assert.Single(answers, a => a.Item1 == HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_assertion_whose_counter_did_not_move_on_is_refused_and_the_key_gets_a_clone_warning()
    {
        var (email, id) = await Server.CreateUserAsync();
        using var key = new SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.OK, (await (await Server.PasswordBrowserAsync(email)).AddKeyAsync(key)).Status);
        var first = await Server.PasswordBrowserAsync(email);
        var flow = await first.JsonAsync(HttpMethod.Get, "/self-service/login/browser?aal=aal2");
        Assert.Equal(HttpStatusCode.OK, (await first.SubmitKeyAsync(flow, key)).Status);

        var second = await Server.PasswordBrowserAsync(email);
        var other = await second.JsonAsync(HttpMethod.Get, "/self-service/login/browser?aal=aal2");
        var (status, body) = await second.SubmitLoginAsync(other, new JsonObject
        {
            ["method"] = "webauthn",
            ["webauthn_login"] = key.Get(Options(other, "webauthn_login_trigger"), WebAuthnServerFixture.Origin, advanceCounter: false),
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4000043], GlobalMessageIds(body));
        var stored = Keys(await Server.IdentityAsync(id))[0]!["authenticator"]!;
        Assert.True(stored["clone_warning"]!.GetValue<bool>());
        Assert.Equal(1u, stored["sign_count"]!.GetValue<uint>());
    }

    [Fact]
    public async Task A_key_is_removed_by_its_hex_id_and_an_unknown_id_is_a_bad_request()
    {
        var (email, id) = await Server.CreateUserAsync();
        var browser = await Server.PasswordBrowserAsync(email);
        using var first = new SoftwareAuthenticator();
        using var second = new SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.OK, (await browser.AddKeyAsync(first)).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.AddKeyAsync(second)).Status);
        Assert.Equal(2, Keys(await Server.IdentityAsync(id)).Count);

        var flow = await browser.SettingsFlowAsync();
        Assert.NotNull(Node(flow, "webauthn_remove", first.CredentialIdHex));
        using var unknown = await browser.SendAsync(HttpMethod.Post, $"/self-service/settings?flow={flow["id"]}",
            JsonBody(new JsonObject { ["csrf_token"] = CsrfToken(flow), ["method"] = "webauthn", ["webauthn_remove"] = "00ff" }), json: true);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        using var removed = await browser.SendAsync(HttpMethod.Post, $"/self-service/settings?flow={flow["id"]}",
            JsonBody(new JsonObject { ["csrf_token"] = CsrfToken(flow), ["method"] = "webauthn", ["webauthn_remove"] = first.CredentialIdHex }), json: true);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var left = Assert.Single(Keys(await Server.IdentityAsync(id)));
        Assert.Equal(second.CredentialId, Convert.FromBase64String(left!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_script_is_served_with_the_integrity_the_nodes_name()
    {
        var (email, _) = await Server.CreateUserAsync();
        var flow = await (await Server.PasswordBrowserAsync(email)).SettingsFlowAsync();
        var script = flow["ui"]!["nodes"]!.AsArray().Single(n => n!["attributes"]!["id"]?.GetValue<string>() == "webauthn_script")!;
        Assert.Equal("script", script["type"]!.GetValue<string>());
        var src = script["attributes"]!["src"]!.GetValue<string>();
        Assert.Equal(new Uri(Server.PublicUrl, ".well-known/ory/webauthn.js").AbsoluteUri, src);

        using var response = await Server.Public.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript; charset=UTF-8", response.Content.Headers.ContentType!.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("sha512-" + Convert.ToBase64String(SHA512.HashData(bytes)), script["attributes"]!["integrity"]!.GetValue<string>());
        Assert.Contains("oryWebAuthnRegistration", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    static string ToBase64(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }
}

public sealed class WebAuthnMfaTests_Sqlite(SqliteWebAuthnMfaServerFixture fixture) : WebAuthnMfaTests(fixture), IClassFixture<SqliteWebAuthnMfaServerFixture>;

public sealed class WebAuthnMfaTests_Postgres(PostgresWebAuthnMfaServerFixture fixture) : WebAuthnMfaTests(fixture), IClassFixture<PostgresWebAuthnMfaServerFixture>;
