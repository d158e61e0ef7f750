using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;

namespace Tessera.Tests.Flows.Verification;

/// <summary>What the verification tests send: native flows and submissions, and an identity's first verifiable address.</summary>
internal static class VerificationHttp
{
    public static async Task<JsonNode> NativeVerificationFlowAsync(this TesseraServer server)
    {
        var (status, flow, _) = await server.SendAsync(HttpMethod.Get, "/self-service/verification/api", null);
        Assert.Equal(HttpStatusCode.OK, status);
        return flow!;
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SubmitVerificationAsync(this TesseraServer server,
        string flowId, JsonObject body) =>
        server.SendAsync(HttpMethod.Post, $"/self-service/verification?flow={flowId}", null, body);

    public static JsonObject Email(string email) => new() { ["method"] = "code", ["email"] = email };

    public static JsonObject Code(string code) => new() { ["method"] = "code", ["code"] = code };

    public static async Task<JsonNode> AddressAsync(this TesseraServer server, string identityId)
    {
        var (status, identity, _) = await server.Admin.GetJsonAsync($"/admin/identities/{identityId}");
        Assert.Equal(HttpStatusCode.OK, status);
        return identity!["verifiable_addresses"]![0]!;
    }

    /// <summary>A native password registration; the status and the body.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> RegisterAsync(this TesseraServer server, string email)
    {
        var (_, flow, _) = await server.SendAsync(HttpMethod.Get, "/self-service/registration/api", null);
        var (status, body, _) = await server.SendAsync(HttpMethod.Post, $"/self-service/registration?flow={flow!["id"]}", null,
            new JsonObject { ["method"] = "password", ["password"] = Password, ["traits"] = new JsonObject { ["email"] = email } });
        return (status, body);
    }
}
