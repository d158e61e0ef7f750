using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;

namespace Tessera.Tests.Strategies.WebAuthn;

/// <summary>Driving WebAuthn through a browser (SPA-style JSON) with a <see cref="SoftwareAuthenticator"/>.</summary>
internal static class WebAuthnHttp
{
    /// <summary>The options JSON a trigger node carries.</summary>
    public static string Options(JsonNode flow, string trigger) => Node(flow, trigger)!["attributes"]!["value"]!.GetValue<string>();

    public static async Task<JsonNode> IdentityAsync(this TesseraServer server, string id)
    {
        var text = await server.Admin.GetStringAsync($"/admin/identities/{id}?include_credential=webauthn&include_credential=passkey");
        return JsonNode.Parse(text)!;
    }

    public static JsonArray Keys(JsonNode identity, string type = "webauthn") =>
        identity["credentials"]?[type]?["config"]?["credentials"]?.AsArray() ?? [];

    /// <summary>A browser logged in with the password (form post, so no step-up answer is needed); its jar holds the session.</summary>
    public static async Task<SettingsBrowser> PasswordBrowserAsync(this TesseraServer server, string email)
    {
        var browser = new SettingsBrowser(server);
        using var login = await browser.LoginAsync(email);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.True(browser.Jar.Cookies.ContainsKey("ory_kratos_session"));
        return browser;
    }

    /// <summary>Adds <paramref name="key"/> in a settings flow of <paramref name="browser"/> (JSON, as an SPA); the answer.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode Body)> AddKeyAsync(this SettingsBrowser browser, SoftwareAuthenticator key,
        string origin = WebAuthnServerFixture.Origin, string displayName = "my key")
    {
        var flow = await browser.SettingsFlowAsync();
        var attestation = key.Create(Options(flow, "webauthn_register_trigger"), origin);
        using var response = await browser.SendAsync(HttpMethod.Post, $"/self-service/settings?flow={flow["id"]}", JsonBody(new JsonObject
        {
            ["csrf_token"] = CsrfToken(flow),
            ["method"] = "webauthn",
            ["webauthn_register"] = attestation,
            ["webauthn_register_displayname"] = displayName,
        }), json: true);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Posts <paramref name="body"/> (csrf token added) to the login flow as JSON; the answer.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode Body)> SubmitLoginAsync(this SettingsBrowser browser, JsonNode flow, JsonObject body)
    {
        body["csrf_token"] = CsrfToken(flow);
        using var response = await browser.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow["id"]}", JsonBody(body), json: true);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Answers the flow's webauthn login trigger with <paramref name="key"/>, naming <paramref name="identifier"/> when given; the answer.</summary>
    public static Task<(HttpStatusCode Status, JsonNode Body)> SubmitKeyAsync(this SettingsBrowser browser, JsonNode flow, SoftwareAuthenticator key,
        string? identifier = null)
    {
        var body = new JsonObject { ["method"] = "webauthn" };
        if (identifier is not null)
        {
            body["identifier"] = identifier;
        }

        body["webauthn_login"] = key.Get(Options(flow, "webauthn_login_trigger"), WebAuthnServerFixture.Origin);
        return browser.SubmitLoginAsync(flow, body);
    }

    /// <summary>Answers the flow's passkey challenge with <paramref name="key"/>; the answer.</summary>
    public static Task<(HttpStatusCode Status, JsonNode Body)> SubmitPasskeyAsync(this SettingsBrowser browser, JsonNode flow, SoftwareAuthenticator key) =>
        browser.SubmitLoginAsync(flow, new JsonObject
        {
            ["method"] = "passkey",
            ["passkey_login"] = key.Get(Options(flow, "passkey_challenge"), Passkey.PasskeyServerFixture.Origin),
        });

    /// <summary><paramref name="key"/> in Kratos's stored shape, as an admin import brings a key registered elsewhere.</summary>
    public static JsonObject ImportedKey(SoftwareAuthenticator key, bool passwordless, string displayName = "imported") => new()
    {
        ["id"] = Convert.ToBase64String(key.CredentialId),
        ["public_key"] = Convert.ToBase64String(key.PublicKey),
        ["attestation_type"] = "none",
        ["authenticator"] = new JsonObject { ["aaguid"] = Convert.ToBase64String(new byte[16]), ["sign_count"] = key.Counter, ["clone_warning"] = false },
        ["display_name"] = displayName,
        ["added_at"] = "2024-05-01T10:00:00Z",
        ["is_passwordless"] = passwordless,
        ["flags"] = new JsonObject { ["user_present"] = true, ["user_verified"] = passwordless, ["backup_eligible"] = false, ["backup_state"] = false },
        ["transport"] = new JsonArray("usb"),
    };

    /// <summary>An admin body for <paramref name="email"/> with the password and <paramref name="type"/> credentials holding <paramref name="config"/>.</summary>
    public static JsonObject ImportBody(string email, string type, JsonObject config, bool password = true)
    {
        var credentials = password ? HttpJson.Password(SettingsHttp.Password) : [];
        credentials[type] = new JsonObject { ["config"] = config.DeepClone() };
        return new JsonObject { ["traits"] = new JsonObject { ["email"] = email }, ["credentials"] = credentials };
    }

    public static StringContent JsonBody(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
