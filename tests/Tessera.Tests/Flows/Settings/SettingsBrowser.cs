using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;
using Xunit;

namespace Tessera.Tests.Flows.Settings;

/// <summary>A browser: its own cookie jar, HTML or JSON Accept, form or JSON bodies.</summary>
internal sealed class SettingsBrowser(TesseraServer server)
{
    public CookieJar Jar { get; } = new();

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, bool json = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Accept.ParseAdd(json ? "application/json" : "text/html");
        Jar.AddTo(request.Headers);
        var response = await server.Public.SendAsync(request);
        Jar.Take(response);
        return response;
    }

    public async Task<JsonNode> JsonAsync(HttpMethod method, string path, HttpStatusCode expected = HttpStatusCode.OK, JsonObject? body = null)
    {
        using var response = await SendAsync(method, path, body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), json: true);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    /// <summary>Logs in through a browser login flow (form post), keeping the session cookie; a refresh when <paramref name="query"/> says so.</summary>
    public async Task<HttpResponseMessage> LoginAsync(string email, string password = SettingsHttp.Password, string query = "")
    {
        var flow = await JsonAsync(HttpMethod.Get, "/self-service/login/browser" + query);
        return await SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow["id"]}",
            Form(("csrf_token", SettingsHttp.CsrfToken(flow)), ("identifier", email), ("password", password), ("method", "password")));
    }

    /// <summary>A settings flow made through the browser init endpoint as an SPA does (JSON).</summary>
    public Task<JsonNode> SettingsFlowAsync(string query = "") => JsonAsync(HttpMethod.Get, "/self-service/settings/browser" + query);
}
