using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;

namespace Tessera.Tests.Strategies.CodeMethod;

/// <summary>What the code-method tests send: native login and registration flows, code payloads, and codes read from the SMTP sink.</summary>
internal static class CodeHttp
{
    /// <summary>An identity with only traits: its code credential comes from the e-mail trait. Its e-mail and id.</summary>
    public static async Task<(string Email, string Id)> CodeUserAsync(this TesseraServer server)
    {
        var email = HttpJson.Unique("code");
        var created = await server.CreateIdentityAsync(new JsonObject { ["schema_id"] = "default", ["traits"] = new JsonObject { ["email"] = email } });
        return (email, created["id"]!.GetValue<string>());
    }

    /// <summary>
    /// An identity with a password and backup codes (a second factor besides its code address, so an aal2 flow offers
    /// address buttons instead of sending a code at once). Its e-mail and id.
    /// </summary>
    public static async Task<(string Email, string Id)> CreateUserWithBackupCodesAsync(this TesseraServer server)
    {
        var email = HttpJson.Unique("backup");
        var credentials = HttpJson.Password(SettingsHttp.Password);
        credentials["lookup_secret"] = new JsonObject { ["config"] = new JsonObject { ["codes"] = new JsonArray(new JsonObject { ["code"] = "abcd1234" }) } };
        var created = await server.CreateIdentityAsync(new JsonObject { ["traits"] = new JsonObject { ["email"] = email }, ["credentials"] = credentials });
        return (email, created["id"]!.GetValue<string>());
    }

    public static async Task<JsonNode> NativeLoginFlowAsync(this TesseraServer server, string query = "", string? token = null)
    {
        var (status, flow, _) = await server.SendAsync(HttpMethod.Get, "/self-service/login/api" + query, token);
        Assert.True(status == HttpStatusCode.OK, flow?.ToJsonString());
        return flow!;
    }

    public static async Task<JsonNode> NativeRegistrationFlowAsync(this TesseraServer server)
    {
        var (status, flow, _) = await server.SendAsync(HttpMethod.Get, "/self-service/registration/api", null);
        Assert.Equal(HttpStatusCode.OK, status);
        return flow!;
    }

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> LoginAsync(this TesseraServer server, JsonNode flow, JsonObject body, string? token = null)
    {
        var (status, answer, _) = await server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow["id"]}", token, body);
        return (status, answer);
    }

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> RegisterAsync(this TesseraServer server, JsonNode flow, JsonObject body)
    {
        var (status, answer, _) = await server.SendAsync(HttpMethod.Post, $"/self-service/registration?flow={flow["id"]}", null, body);
        return (status, answer);
    }

    public static JsonObject Send(string identifier) => new() { ["method"] = "code", ["identifier"] = identifier };

    public static JsonObject Resend(string identifier) => new() { ["method"] = "code", ["identifier"] = identifier, ["resend"] = "code" };

    public static JsonObject WithCode(string identifier, string code) => new() { ["method"] = "code", ["identifier"] = identifier, ["code"] = code };

    public static JsonObject Traits(string email) => new() { ["email"] = email, ["name"] = new JsonObject { ["first"] = "Ada" } };

    public static JsonObject SignUp(string email, string? code = null, JsonObject? traits = null)
    {
        var body = new JsonObject { ["method"] = "code", ["traits"] = traits ?? Traits(email) };
        if (code is not null)
        {
            body["code"] = code;
        }

        return body;
    }

    /// <summary>The code of the <paramref name="index"/>-th message to <paramref name="email"/>.</summary>
    public static async Task<string> CodeAsync(this SmtpSink sink, string email, int index = 0) => CodeMail.Code(await sink.MailAsync(email, index));

    /// <summary>A six-digit code that is not <paramref name="code"/>.</summary>
    public static string Other(string code) => code == "000000" ? "111111" : "000000";

    /// <summary>name:type of every node but the csrf token, in order.</summary>
    public static string[] Shape(JsonNode flow) =>
        flow["ui"]!["nodes"]!.AsArray().Where(n => n!["attributes"]!["name"]?.GetValue<string>() != "csrf_token")
            .Select(n => $"{n!["attributes"]!["name"]}:{n["attributes"]!["type"]}").ToArray();

    public static long LabelId(JsonNode flow, string name, string? value = null) => Node(flow, name, value)!["meta"]!["label"]!["id"]!.GetValue<long>();
}
