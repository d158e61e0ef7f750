using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;
using Xunit;

namespace Tessera.Tests.Flows.Settings;

/// <summary>What the settings tests send and read: native calls with a session token, a browser with its cookie jar, node lookups.</summary>
internal static class SettingsHttp
{
    public const string Password = "correct horse battery staple 42";

    public const string NewPassword = "an0ther-Long-passphrase for tessera";

    public static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(this TesseraServer server,
        HttpMethod method, string path, string? token, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Add("X-Session-Token", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        request.Headers.Accept.ParseAdd("application/json");
        var response = await server.Public.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    /// <summary>An identity with a password and a first name, as the admin API creates it; its e-mail verified when asked.</summary>
    public static async Task<(string Email, string Id)> CreateUserAsync(this TesseraServer server, bool verified = false)
    {
        var email = HttpJson.Unique("settings");
        var body = new JsonObject
        {
            ["traits"] = new JsonObject { ["email"] = email, ["name"] = new JsonObject { ["first"] = "Ada" } },
            ["credentials"] = HttpJson.Password(Password),
        };
        if (verified)
        {
            body["verifiable_addresses"] = new JsonArray(new JsonObject { ["value"] = email, ["via"] = "email", ["verified"] = true, ["status"] = "completed" });
        }

        var created = await server.CreateIdentityAsync(body);
        return (email, created["id"]!.GetValue<string>());
    }

    /// <summary>A native password login (a refresh with the session's token when given); the status and the body.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> NativeLoginAsync(this TesseraServer server, string identifier, string password,
        string? token = null)
    {
        var (_, flow, _) = await server.SendAsync(HttpMethod.Get, "/self-service/login/api" + (token is null ? "" : "?refresh=true"), token);
        var (status, body, _) = await server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow!["id"]}", token,
            new JsonObject { ["method"] = "password", ["identifier"] = identifier, ["password"] = password });
        return (status, body);
    }

    public static async Task<string> NativeTokenAsync(this TesseraServer server, string identifier, string password = Password)
    {
        var (status, body) = await server.NativeLoginAsync(identifier, password);
        Assert.Equal(HttpStatusCode.OK, status);
        return body!["session_token"]!.GetValue<string>();
    }

    public static async Task<JsonNode> NativeSettingsFlowAsync(this TesseraServer server, string token)
    {
        var (status, flow, _) = await server.SendAsync(HttpMethod.Get, "/self-service/settings/api", token);
        Assert.Equal(HttpStatusCode.OK, status);
        return flow!;
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SubmitAsync(this TesseraServer server, JsonNode flow,
        string? token, JsonObject body) =>
        server.SendAsync(HttpMethod.Post, $"/self-service/settings?flow={flow["id"]}", token, body);

    public static JsonObject PasswordBody(string password) => new() { ["method"] = "password", ["password"] = password };

    public static JsonObject ProfileBody(string email, string? first = null, string? last = null)
    {
        var name = new JsonObject();
        if (first is not null)
        {
            name["first"] = first;
        }

        if (last is not null)
        {
            name["last"] = last;
        }

        return new JsonObject { ["method"] = "profile", ["traits"] = new JsonObject { ["email"] = email, ["name"] = name } };
    }

    public static async Task<HttpStatusCode> WhoamiAsync(this TesseraServer server, string token) =>
        (await server.SendAsync(HttpMethod.Get, "/sessions/whoami", token)).Status;

    public static JsonNode? Node(JsonNode flow, string name, string? value = null) =>
        flow["ui"]!["nodes"]!.AsArray().FirstOrDefault(n => n!["attributes"]!["name"]?.GetValue<string>() == name
            && (value is null || n["attributes"]!["value"]?.ToString() == value));

    public static long[] NodeMessageIds(JsonNode flow, string name) =>
        Node(flow, name)?["messages"]!.AsArray().Select(m => m!["id"]!.GetValue<long>()).ToArray() ?? [];

    public static long[] GlobalMessageIds(JsonNode flow) =>
        flow["ui"]!["messages"]?.AsArray().Select(m => m!["id"]!.GetValue<long>()).ToArray() ?? [];

    public static string ErrorId(JsonNode? body) => body!["error"]!["id"]!.GetValue<string>();

    public static string CsrfToken(JsonNode flow) => Node(flow, "csrf_token")!["attributes"]!["value"]!.GetValue<string>();
}
