using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Strategies.WebAuthn.WebAuthnHttp;

namespace Tessera.Tests.Strategies.WebAuthn;

/// <summary>Passwordless WebAuthn (API.md §6.6): sign up with a key, then identifier-then-key login at aal1; on SQLite and PostgreSQL.</summary>
public abstract class WebAuthnPasswordlessTests(WebAuthnPasswordlessServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    /// <summary>Signs up with <paramref name="key"/> through a browser (JSON); the browser, holding the new session, and the answer.</summary>
    async Task<(SettingsBrowser Browser, JsonNode Body)> SignUpAsync(string email, SoftwareAuthenticator key, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var browser = new SettingsBrowser(Server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/registration/browser");
        Assert.Equal(1040004, Node(flow, "webauthn_register_trigger")!["meta"]!["label"]!["id"]!.GetValue<long>());
        var body = await browser.JsonAsync(HttpMethod.Post, $"/self-service/registration?flow={flow["id"]}", expected, new JsonObject
        {
            ["csrf_token"] = CsrfToken(flow),
            ["method"] = "webauthn",
            ["traits"] = new JsonObject { ["email"] = email },
            ["webauthn_register"] = key.Create(Options(flow, "webauthn_register_trigger"), WebAuthnServerFixture.Origin),
            ["webauthn_register_displayname"] = "laptop",
        });
        return (browser, body);
    }

    /// <summary>The identifier step: 422 to the UI, then the flow with the key ceremony for that identity.</summary>
    static async Task<JsonNode> IdentifierStepAsync(SettingsBrowser browser, string email)
    {
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser");
        Assert.Equal("username webauthn", Node(flow, "identifier")!["attributes"]!["autocomplete"]!.GetValue<string>());
        Assert.NotNull(Node(flow, "method", "webauthn"));
        var (status, change) = await browser.SubmitLoginAsync(flow, new JsonObject { ["method"] = "webauthn", ["identifier"] = email });
        Assert.True(status == (HttpStatusCode)422, change.ToJsonString());
        Assert.Equal("browser_location_change_required", ErrorId(change));
        Assert.EndsWith("login?flow=" + flow["id"], change["redirect_browser_to"]!.GetValue<string>());
        var next = await browser.JsonAsync(HttpMethod.Get, $"/self-service/login/flows?id={flow["id"]}");
        Assert.Equal([1010012], GlobalMessageIds(next));
        Assert.Equal("hidden", Node(next, "identifier")!["attributes"]!["type"]!.GetValue<string>());
        Assert.Equal(1010013, Node(next, "webauthn_login_trigger")!["meta"]!["label"]!["id"]!.GetValue<long>());
        return next;
    }

    [Fact]
    public async Task Spa_signs_up_with_a_key_and_logs_in_with_identifier_then_key_at_aal1()
    {
        var email = HttpJson.Unique("passwordless");
        using var key = new SoftwareAuthenticator();
        var (_, signedUp) = await SignUpAsync(email, key);
        Assert.Equal("aal1", signedUp["session"]!["authenticator_assurance_level"]!.GetValue<string>());
        var id = signedUp["identity"]!["id"]!.GetValue<string>();
        var identity = await Server.IdentityAsync(id);
        var stored = Assert.Single(Keys(identity));
        Assert.True(stored!["is_passwordless"]!.GetValue<bool>());
        Assert.Equal("laptop", stored["display_name"]!.GetValue<string>());
        Assert.Equal([email], identity["credentials"]!["webauthn"]!["identifiers"]!.AsArray().Select(i => i!.GetValue<string>()));

        var browser = new SettingsBrowser(Server);
        var flow = await IdentifierStepAsync(browser, email);
        var (status, done) = await browser.SubmitKeyAsync(flow, key, email);
        Assert.True(status == HttpStatusCode.OK, done.ToJsonString());
        Assert.Equal("aal1", done["session"]!["authenticator_assurance_level"]!.GetValue<string>());
        Assert.Equal(id, done["session"]!["identity"]!["id"]!.GetValue<string>());
        Assert.Equal(["webauthn"], done["session"]!["authentication_methods"]!.AsArray().Select(m => m!["method"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Browser_form_identifier_step_redirects_to_the_ui_and_the_key_form_post_logs_in()
    {
        var email = HttpJson.Unique("passwordless");
        using var key = new SoftwareAuthenticator();
        await SignUpAsync(email, key);

        var browser = new SettingsBrowser(Server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser");
        using var step = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow["id"]}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("method", "webauthn"), ("identifier", email)));
        Assert.Equal(HttpStatusCode.SeeOther, step.StatusCode);
        Assert.Equal(SettingsServerFixture.Ui + "login?flow=" + flow["id"], step.Headers.Location!.ToString());
        var next = await browser.JsonAsync(HttpMethod.Get, $"/self-service/login/flows?id={flow["id"]}");
        using var done = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow["id"]}", SettingsBrowser.Form(
            ("csrf_token", CsrfToken(next)), ("method", "webauthn"), ("identifier", email),
            ("webauthn_login", key.Get(Options(next, "webauthn_login_trigger"), WebAuthnServerFixture.Origin))));
        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        Assert.Equal(SettingsServerFixture.Ui + "welcome", done.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Api_flows_offer_no_passwordless_webauthn()
    {
        var (_, flow, _) = await Server.SendAsync(HttpMethod.Get, "/self-service/login/api", null);
        Assert.Null(Node(flow!, "method", "webauthn"));
        var (_, registration, _) = await Server.SendAsync(HttpMethod.Get, "/self-service/registration/api", null);
        Assert.Null(Node(registration!, "webauthn_register_trigger"));
    }

    [Fact]
    public async Task An_unknown_identifier_is_answered_with_4000015()
    {
        var browser = new SettingsBrowser(Server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser");
        var (status, body) = await browser.SubmitLoginAsync(flow, new JsonObject { ["method"] = "webauthn", ["identifier"] = HttpJson.Unique("nobody") });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4000015], GlobalMessageIds(body));
    }

    [Fact]
    public async Task The_same_assertion_replayed_on_its_own_flow_is_refused_because_the_challenge_was_used()
    {
        var email = HttpJson.Unique("passwordless");
        using var key = new SoftwareAuthenticator();
        await SignUpAsync(email, key);
        var browser = new SettingsBrowser(Server);
        var flow = await IdentifierStepAsync(browser, email);
        var body = new JsonObject
        {
            ["method"] = "webauthn",
            ["identifier"] = email,
            // A counter that stays 0 (as synced passkeys report) is never a clone sign, so only the used challenge can refuse.
            ["webauthn_login"] = key.Get(Options(flow, "webauthn_login_trigger"), WebAuthnServerFixture.Origin, advanceCounter: false),
        };
        // Another browser holding the CSRF cookie the flow was made with (a login renews it) but no session: the flow
        // accepts it, the used challenge does not.
        var replay = new SettingsBrowser(Server);
        foreach (var (name, value) in browser.Jar.Cookies.Where(c => c.Key.StartsWith("csrf_token", StringComparison.Ordinal)))
        {
            replay.Jar.Set(name, value);
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitLoginAsync(flow, (JsonObject)body.DeepClone())).Status);
        var (status, refused) = await replay.SubmitLoginAsync(flow, (JsonObject)body.DeepClone());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4000043], GlobalMessageIds(refused));
    }

    [Fact]
    public async Task An_imported_passwordless_key_is_a_first_factor_that_logs_in_with_identifier_then_key()
    {
        var email = HttpJson.Unique("passwordless");
        using var key = new SoftwareAuthenticator();
        var created = await Server.CreateIdentityAsync(ImportBody(email, "webauthn", new JsonObject
        {
            ["credentials"] = new JsonArray(ImportedKey(key, passwordless: true)),
            ["user_handle"] = Convert.ToBase64String(new byte[16]),
        }));

        var browser = new SettingsBrowser(Server);
        var flow = await IdentifierStepAsync(browser, email);
        var (status, done) = await browser.SubmitKeyAsync(flow, key, email);
        Assert.True(status == HttpStatusCode.OK, done.ToJsonString());
        Assert.Equal(created["id"]!.GetValue<string>(), done["session"]!["identity"]!["id"]!.GetValue<string>());

        // Beside the password it is a second first factor, so settings let it go.
        var settings = await browser.SettingsFlowAsync();
        Assert.False(Node(settings, "webauthn_remove", key.CredentialIdHex)!["attributes"]!["disabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_refresh_offers_the_sessions_keys_at_once_and_the_key_refreshes_the_session()
    {
        var email = HttpJson.Unique("passwordless");
        using var key = new SoftwareAuthenticator();
        var (browser, signedUp) = await SignUpAsync(email, key);
        fixture.Time.Advance(TimeSpan.FromMinutes(30));

        // No identifier step: Kratos's refresh shows the ceremony for the session identity straight away.
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/login/browser?refresh=true");
        Assert.Null(Node(flow, "method", "webauthn"));
        Assert.Equal(1010008, Node(flow, "webauthn_login_trigger")!["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.Equal(email, Node(flow, "identifier")!["attributes"]!["value"]!.GetValue<string>());
        Assert.Equal("hidden", Node(flow, "identifier")!["attributes"]!["type"]!.GetValue<string>());

        var (status, done) = await browser.SubmitKeyAsync(flow, key, email);
        Assert.True(status == HttpStatusCode.OK, done.ToJsonString());
        var session = done["session"]!;
        Assert.Equal(signedUp["session"]!["id"]!.GetValue<string>(), session["id"]!.GetValue<string>());
        Assert.True(session["authenticated_at"]!.GetValue<DateTime>() > signedUp["session"]!["authenticated_at"]!.GetValue<DateTime>());
        Assert.Equal(["webauthn", "webauthn"], session["authentication_methods"]!.AsArray().Select(m => m!["method"]!.GetValue<string>()));
        Assert.Equal("aal1", session["authentication_methods"]![1]!["aal"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_key_added_in_settings_gives_the_session_webauthn_at_aal1_as_Kratos_does()
    {
        var email = HttpJson.Unique("passwordless");
        using var key = new SoftwareAuthenticator();
        var (browser, signedUp) = await SignUpAsync(email, key);
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        using var another = new SoftwareAuthenticator();
        var (status, body) = await browser.AddKeyAsync(another);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());

        var session = await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami");
        Assert.Equal([("webauthn", "aal1"), ("webauthn", "aal1")],
            session["authentication_methods"]!.AsArray().Select(m => (m!["method"]!.GetValue<string>(), m["aal"]!.GetValue<string>())));
        Assert.Equal("aal1", session["authenticator_assurance_level"]!.GetValue<string>());
        Assert.True(session["authenticated_at"]!.GetValue<DateTime>() > signedUp["session"]!["authenticated_at"]!.GetValue<DateTime>());
    }

    [Fact]
    public async Task The_only_key_of_a_passwordless_identity_cannot_be_removed()
    {
        var email = HttpJson.Unique("passwordless");
        using var key = new SoftwareAuthenticator();
        var (browser, _) = await SignUpAsync(email, key);
        var flow = await browser.SettingsFlowAsync();
        var remove = Node(flow, "webauthn_remove", key.CredentialIdHex)!;
        Assert.True(remove["attributes"]!["disabled"]!.GetValue<bool>());

        var answer = await browser.JsonAsync(HttpMethod.Post, $"/self-service/settings?flow={flow["id"]}", HttpStatusCode.BadRequest, new JsonObject
        {
            ["csrf_token"] = CsrfToken(flow),
            ["method"] = "webauthn",
            ["webauthn_remove"] = key.CredentialIdHex,
        });
        Assert.Equal([4000001], NodeMessageIds(answer, "webauthn_remove"));
    }
}

public sealed class WebAuthnPasswordlessTests_Sqlite(SqliteWebAuthnPasswordlessServerFixture fixture)
    : WebAuthnPasswordlessTests(fixture), IClassFixture<SqliteWebAuthnPasswordlessServerFixture>;

public sealed class WebAuthnPasswordlessTests_Postgres(PostgresWebAuthnPasswordlessServerFixture fixture)
    : WebAuthnPasswordlessTests(fixture), IClassFixture<PostgresWebAuthnPasswordlessServerFixture>;
