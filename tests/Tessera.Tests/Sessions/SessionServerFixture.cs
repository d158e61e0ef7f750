using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tessera.Identities;
using Tessera.Sessions;
using Tessera.Tests.Infrastructure;
using Xunit;

namespace Tessera.Tests.Sessions;

/// <summary>A server for the session tests: cookie secrets and return URLs, on the shared fixture's fake clock.</summary>
public abstract class SessionServerFixture : ServerFixture
{
    public const string ReturnBase = "http://127.0.0.1:4455/";

    private protected override bool FakeClock => true;

    private protected override void Configure(JsonObject config) => Apply(config);

    internal static void Apply(JsonObject config)
    {
        config["secrets"] = new JsonObject { ["cookie"] = new JsonArray("a-cookie-secret-of-some-length", "an-older-cookie-secret-still-valid") };
        config["selfservice"] = new JsonObject
        {
            ["default_browser_return_url"] = ReturnBase,
            ["allowed_return_urls"] = new JsonArray(ReturnBase),
            ["flows"] = new JsonObject
            {
                ["logout"] = new JsonObject { ["after"] = new JsonObject { ["default_browser_return_url"] = ReturnBase + "login" } },
            },
        };
    }
}

public sealed class SqliteSessionFixture : SessionServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => Sqlite();
}

public sealed class PostgresSessionFixture : SessionServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => PostgresIfAvailable();
}

/// <summary>A session made by the issuer, its clear token, and the cookie the issuer's cookie helper set.</summary>
internal sealed record IssuedForTest(Session Session, string Token, string Cookie, string SetCookie)
{
    public Guid Id => Session.Id;
}

internal static class SessionTestSupport
{
    /// <summary>
    /// Creates a session the way the login flow will, through the issuer resolved from the running server: until the login
    /// flow exists no HTTP endpoint creates sessions. Everything the tests check afterwards goes through HTTP.
    /// </summary>
    public static async Task<IssuedForTest> IssueAsync(TesseraServer server, Guid identityId, string userAgent = "TesseraTests/1.0",
        string method = "password", IDictionary<string, string>? headers = null)
    {
        var context = new DefaultHttpContext { RequestServices = server.Services };
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        context.Request.Headers.UserAgent = userAgent;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Request.Headers[name] = value;
        }

        var identity = await server.Services.GetRequiredService<IdentityStore>().GetAsync(identityId, default)
                       ?? throw new InvalidOperationException("no such identity");
        var issuer = server.Services.GetRequiredService<SessionIssuer>();
        var issued = await issuer.IssueAsync(context, identity, method, Aal.Aal1, default);
        issuer.AppendCookie(context, issued.Token, issued.Session.ExpiresAt);
        var setCookie = context.Response.Headers.SetCookie.ToString();
        return new IssuedForTest(issued.Session, issued.Token, setCookie.Split(';')[0], setCookie);
    }

    public static async Task<Guid> NewIdentityAsync(TesseraServer server)
    {
        var created = await server.CreateIdentityAsync(HttpJson.EmailIdentity(HttpJson.Unique()));
        return Guid.Parse(created["id"]!.GetValue<string>());
    }

    public static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(
        this HttpClient client, HttpMethod method, string path, Action<HttpRequestMessage> configure, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }

        configure(request);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public static Action<HttpRequestMessage> Token(string token) => r => r.Headers.Add("X-Session-Token", token);

    public static Action<HttpRequestMessage> Cookie(string cookie) => r => r.Headers.Add("Cookie", cookie);

    public static Action<HttpRequestMessage> Bearer(string token) => r => r.Headers.Add("Authorization", "Bearer " + token);
}
