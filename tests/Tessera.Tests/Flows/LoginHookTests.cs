using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Infrastructure.HttpJson;

namespace Tessera.Tests.Flows;

/// <summary>The after-login hooks, re-authentication with <c>refresh=true</c>, and disabled registration.</summary>
public sealed class LoginHookTests
{
    const string Password = "correct horse battery staple 42";

    static Task<TesseraServer> StartAsync(Action<JsonObject>? extra = null) =>
        TesseraServer.StartAsync(TestDatabase.Sqlite(), config =>
        {
            FlowServerFixture.Apply(config);
            extra?.Invoke(config);
        });

    static async Task<(HttpStatusCode Status, JsonNode? Body)> LoginAsync(TesseraServer server, string email, string? token = null, string query = "")
    {
        using var init = new HttpRequestMessage(HttpMethod.Get, "/self-service/login/api" + query);
        if (token is not null)
        {
            init.Headers.Add("X-Session-Token", token);
        }

        using var initResponse = await server.Public.SendAsync(init);
        var flow = JsonNode.Parse(await initResponse.Content.ReadAsStringAsync())!;
        using var submit = new HttpRequestMessage(HttpMethod.Post, $"/self-service/login?flow={flow["id"]}")
        {
            Content = new StringContent(new JsonObject { ["method"] = "password", ["identifier"] = email, ["password"] = Password }.ToJsonString(),
                System.Text.Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            submit.Headers.Add("X-Session-Token", token);
        }

        using var response = await server.Public.SendAsync(submit);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    static async Task<HttpStatusCode> WhoamiAsync(TesseraServer server, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sessions/whoami");
        request.Headers.Add("X-Session-Token", token);
        using var response = await server.Public.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Revoke_active_sessions_ends_the_other_sessions_at_login()
    {
        await using var server = await StartAsync(c =>
            c["selfservice"]!["flows"]!["login"]!["after"] = JsonNode.Parse("""{"password":{"hooks":[{"hook":"revoke_active_sessions"}]}}"""));
        var email = Unique();
        await server.CreateIdentityAsync(EmailIdentity(email, HttpJson.Password(Password)));
        var first = (await LoginAsync(server, email)).Body!["session_token"]!.GetValue<string>();
        var second = (await LoginAsync(server, email)).Body!["session_token"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Unauthorized, await WhoamiAsync(server, first));
        Assert.Equal(HttpStatusCode.OK, await WhoamiAsync(server, second));
    }

    [Fact]
    public async Task Require_verified_address_refuses_unverified_identities_without_a_session()
    {
        await using var server = await StartAsync(c =>
            c["selfservice"]!["flows"]!["login"]!["after"] = JsonNode.Parse("""{"hooks":[{"hook":"require_verified_address"}]}"""));
        var unverified = Unique();
        await server.CreateIdentityAsync(EmailIdentity(unverified, HttpJson.Password(Password)));
        var (status, body) = await LoginAsync(server, unverified);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("session_verified_address_required", body!["error"]!["id"]!.GetValue<string>());

        var verified = Unique();
        await server.CreateIdentityAsync(new JsonObject
        {
            ["traits"] = new JsonObject { ["email"] = verified },
            ["verifiable_addresses"] = new JsonArray(new JsonObject { ["value"] = verified, ["via"] = "email", ["verified"] = true, ["status"] = "completed" }),
            ["credentials"] = HttpJson.Password(Password),
        });
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(server, verified)).Status);
    }

    [Fact]
    public async Task Refresh_login_keeps_the_session_and_adds_a_method()
    {
        await using var server = await StartAsync();
        var email = Unique();
        await server.CreateIdentityAsync(EmailIdentity(email, HttpJson.Password(Password)));
        var (_, first) = await LoginAsync(server, email);
        var token = first!["session_token"]!.GetValue<string>();

        using var init = new HttpRequestMessage(HttpMethod.Get, "/self-service/login/api?refresh=true");
        init.Headers.Add("X-Session-Token", token);
        using var initResponse = await server.Public.SendAsync(init);
        var flow = JsonNode.Parse(await initResponse.Content.ReadAsStringAsync())!;
        Assert.True(flow["refresh"]!.GetValue<bool>());
        Assert.Contains(flow["ui"]!["messages"]!.AsArray(), m => m!["id"]!.GetValue<long>() == 1010003);
        var identifier = flow["ui"]!["nodes"]!.AsArray().First(n => n!["attributes"]!["name"]!.GetValue<string>() == "identifier")!;
        Assert.Equal("hidden", identifier["attributes"]!["type"]!.GetValue<string>());
        Assert.Equal(email, identifier["attributes"]!["value"]!.GetValue<string>());

        var (status, refreshed) = await LoginAsync(server, email, token, "?refresh=true");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(first["session"]!["id"]!.GetValue<string>(), refreshed!["session"]!["id"]!.GetValue<string>());
        Assert.Equal(token, refreshed["session_token"]!.GetValue<string>());
        Assert.Equal(2, refreshed["session"]!["authentication_methods"]!.AsArray().Count);
    }

    [Fact]
    public async Task Refresh_without_a_session_is_an_ordinary_login_as_in_kratos()
    {
        await using var server = await StartAsync();

        var (status, flow, _) = await server.Public.GetJsonAsync("/self-service/login/api?refresh=true");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(flow!["refresh"]!.GetValue<bool>());
        Assert.DoesNotContain(flow["ui"]!["messages"]?.AsArray() ?? [], m => m!["id"]!.GetValue<long>() == 1010003);
    }

    [Fact]
    public async Task Credential_submissions_are_rate_limited_per_address()
    {
        await using var server = await TesseraServer.StartAsync(TestDatabase.Sqlite(), FlowServerFixture.Apply, credentialRateLimit: "3/1");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await LoginAsync(server, Unique())).Status);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        var (status, body, response) = await server.Public.PostJsonAsync($"/self-service/registration?flow={Guid.NewGuid()}", new JsonObject());
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(429, body!["error"]!["code"]!.GetValue<int>());
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        // Creating flows and reading them is not limited: only submissions are.
        Assert.Equal(HttpStatusCode.OK, (await server.Public.GetJsonAsync("/self-service/login/api")).Status);
    }

    [Fact]
    public async Task Disabled_registration_is_refused()
    {
        await using var server = await StartAsync(c => c["selfservice"]!["flows"]!["registration"]!["enabled"] = false);
        var (status, body, _) = await server.Public.GetJsonAsync("/self-service/registration/api");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("self_service_flow_disabled", body!["error"]!["id"]!.GetValue<string>());
    }
}
