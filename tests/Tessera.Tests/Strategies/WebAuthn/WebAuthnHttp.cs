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

    public static StringContent JsonBody(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
