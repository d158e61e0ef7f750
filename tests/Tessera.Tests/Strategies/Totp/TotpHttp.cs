using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OtpNet;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;

namespace Tessera.Tests.Strategies.Totp;

/// <summary>Enrolling TOTP and computing codes the way an authenticator app does, on the fixture's clock.</summary>
internal static class TotpHttp
{
    public static string Secret(JsonNode flow) =>
        flow["ui"]!["nodes"]!.AsArray().Single(n => n!["attributes"]!["id"]?.GetValue<string>() == "totp_secret_key")!
            ["attributes"]!["text"]!["text"]!.GetValue<string>();

    public static string Code(string secret, FakeTimeProvider time, int stepOffset = 0) =>
        new OtpNet.Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(time.GetUtcNow().UtcDateTime.AddSeconds(30 * stepOffset));

    /// <summary>Sets TOTP up through a native settings flow; the secret. Moves the clock one step on, so the next code is new.</summary>
    public static async Task<string> EnrolAsync(this TesseraServer server, string token, FakeTimeProvider time)
    {
        var flow = await server.NativeSettingsFlowAsync(token);
        var secret = Secret(flow);
        var (status, body, _) = await server.SubmitAsync(flow, token, new JsonObject { ["method"] = "totp", ["totp_code"] = Code(secret, time) });
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        time.Advance(TimeSpan.FromSeconds(30));
        return secret;
    }

    /// <summary>An identity with a password and TOTP; its e-mail, id and TOTP secret.</summary>
    public static async Task<(string Email, string Id, string Secret)> UserWithTotpAsync(this TesseraServer server, FakeTimeProvider time)
    {
        var (email, id) = await server.CreateUserAsync();
        var secret = await server.EnrolAsync(await server.NativeTokenAsync(email), time);
        return (email, id, secret);
    }

    /// <summary>Native step-up: an aal2 login flow for the token's session, submitted with <paramref name="code"/>.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> StepUpAsync(this TesseraServer server, string token, string code)
    {
        var (created, flow, _) = await server.SendAsync(HttpMethod.Get, "/self-service/login/api?aal=aal2", token);
        Assert.Equal(HttpStatusCode.OK, created);
        var (status, body, _) = await server.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow!["id"]}", token,
            new JsonObject { ["method"] = "totp", ["totp_code"] = code });
        return (status, body);
    }
}
