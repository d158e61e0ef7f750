using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;

namespace Tessera.Tests.Strategies.LookupSecret;

/// <summary>Making backup codes in settings and spending them in aal2 logins.</summary>
internal static class LookupSecretHttp
{
    public static JsonNode? ById(JsonNode flow, string id) =>
        flow["ui"]!["nodes"]!.AsArray().FirstOrDefault(n => n!["attributes"]!["id"]?.GetValue<string>() == id);

    /// <summary>The <c>lookup_secret_codes</c> text node's entries (1050009 with the code, 1050014 for a used one).</summary>
    public static JsonArray Secrets(JsonNode flow) => ById(flow, "lookup_secret_codes")!["attributes"]!["text"]!["context"]!["secrets"]!.AsArray();

    /// <summary>The unused codes the flow shows.</summary>
    public static string[] Codes(JsonNode flow) =>
        Secrets(flow).Where(s => s!["id"]!.GetValue<long>() == 1050009).Select(s => s!["text"]!.GetValue<string>()).ToArray();

    /// <summary>Makes and confirms codes through a native settings flow; the twelve codes.</summary>
    public static async Task<string[]> EnrolAsync(this TesseraServer server, string token)
    {
        var flow = await server.NativeSettingsFlowAsync(token);
        var (status, shown, _) = await server.SubmitAsync(flow, token, new JsonObject { ["lookup_secret_regenerate"] = true });
        Assert.True(status == HttpStatusCode.OK, shown?.ToJsonString());
        var (confirmed, body, _) = await server.SubmitAsync(flow, token, new JsonObject { ["lookup_secret_confirm"] = true });
        Assert.True(confirmed == HttpStatusCode.OK, body?.ToJsonString());
        return Codes(shown!);
    }

    /// <summary>An identity with a password and backup codes; its e-mail, id and codes.</summary>
    public static async Task<(string Email, string Id, string[] Codes)> UserWithCodesAsync(this TesseraServer server)
    {
        var (email, id) = await server.CreateUserAsync();
        var codes = await server.EnrolAsync(await server.NativeTokenAsync(email));
        return (email, id, codes);
    }

    /// <summary>Native step-up: an aal2 login flow for the token's session, submitted with <paramref name="code"/>.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> StepUpAsync(this TesseraServer server, string token, string code)
    {
        var (created, flow, _) = await server.SendAsync(HttpMethod.Get, "/self-service/login/api?aal=aal2", token);
        Assert.Equal(HttpStatusCode.OK, created);
        var (status, body, _) = await server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow!["id"]}", token,
            new JsonObject { ["method"] = "lookup_secret", ["lookup_secret"] = code });
        return (status, body);
    }

    /// <summary>A password login stepped up with <paramref name="code"/>: an aal2 session token.</summary>
    public static async Task<string> Aal2TokenAsync(this TesseraServer server, string email, string code)
    {
        var token = await server.NativeTokenAsync(email);
        var (status, body) = await server.StepUpAsync(token, code);
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        return token;
    }
}
