using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;

namespace Tessera.Tests.Flows.Recovery;

/// <summary>What the recovery tests send: native flows, code submissions, and the admin API's identities and messages.</summary>
internal static class RecoveryHttp
{
    public static async Task<JsonNode> NativeRecoveryFlowAsync(this TesseraServer server)
    {
        var (status, flow, _) = await server.SendAsync(HttpMethod.Get, "/self-service/recovery/api", null);
        Assert.Equal(HttpStatusCode.OK, status);
        return flow!;
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SubmitRecoveryAsync(this TesseraServer server, JsonNode flow,
        JsonObject body, string? token = null) =>
        server.SendAsync(HttpMethod.Post, $"/self-service/recovery?flow={flow["id"]}", token, body);

    public static JsonObject Email(string email) => new() { ["method"] = "code", ["email"] = email };

    public static JsonObject Code(string code) => new() { ["method"] = "code", ["code"] = code };

    /// <summary>The messages the courier queued for <paramref name="recipient"/>, newest first (dev mode shows subject and body).</summary>
    public static async Task<JsonArray> MessagesAsync(this TesseraServer server, string recipient)
    {
        var (status, body, _) = await server.Admin.GetJsonAsync("/admin/courier/messages?page_size=100&recipient=" + Uri.EscapeDataString(recipient));
        Assert.Equal(HttpStatusCode.OK, status);
        return body!.AsArray();
    }

    public static async Task<JsonNode> IdentityAsync(this TesseraServer server, string id)
    {
        var (status, body, _) = await server.Admin.GetJsonAsync($"/admin/identities/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        return body!;
    }

    /// <summary>A flow JSON without what differs from flow to flow (ids, times, URLs with the id, csrf values), to compare shapes.</summary>
    public static string Shape(JsonNode flow)
    {
        var copy = flow.DeepClone().AsObject();
        foreach (var key in new[] { "id", "expires_at", "issued_at", "request_url" })
        {
            copy.Remove(key);
        }

        copy["ui"]!.AsObject().Remove("action");
        foreach (var node in copy["ui"]!["nodes"]!.AsArray())
        {
            var attributes = node!["attributes"]!.AsObject();
            if (attributes["name"]?.GetValue<string>() is "csrf_token" or "email")
            {
                attributes.Remove("value");
            }
        }

        return copy.ToJsonString();
    }
}
