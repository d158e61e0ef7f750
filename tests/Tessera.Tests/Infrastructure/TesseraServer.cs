using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Tessera.Config;
using Tessera.Hosting;

namespace Tessera.Tests.Infrastructure;

/// <summary>A real Tessera on Kestrel loopback (both listeners) over a real database, with clients for each listener.</summary>
internal sealed class TesseraServer : IAsyncDisposable
{
    WebApplication? _app;
    TestDatabase? _database;

    public HttpClient Public { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public Uri PublicUrl { get; private set; } = null!;

    public Uri AdminUrl { get; private set; } = null!;

    public TestDatabase Database => _database!;

    /// <summary>The running app's services, for state no HTTP endpoint creates yet.</summary>
    public IServiceProvider Services => _app!.Services;

    public static string FixturePath(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    public static JsonObject DefaultConfig(string dsn, int publicPort, int adminPort) => new()
    {
        ["dsn"] = dsn,
        ["dev"] = true,
        ["serve"] = new JsonObject
        {
            ["public"] = new JsonObject { ["host"] = "127.0.0.1", ["port"] = publicPort, ["base_url"] = $"http://127.0.0.1:{publicPort}/" },
            ["admin"] = new JsonObject { ["host"] = "127.0.0.1", ["port"] = adminPort, ["base_url"] = $"http://127.0.0.1:{adminPort}/" },
        },
        ["identity"] = new JsonObject
        {
            ["default_schema_id"] = "default",
            ["schemas"] = new JsonArray(
                new JsonObject { ["id"] = "default", ["url"] = "file://" + FixturePath("schemas", "email-password.schema.json") },
                new JsonObject { ["id"] = "multi", ["url"] = "file://" + FixturePath("schemas", "multi.schema.json") }),
        },
        ["hashers"] = new JsonObject { ["algorithm"] = "bcrypt", ["bcrypt"] = new JsonObject { ["cost"] = 4 } },
        ["log"] = new JsonObject { ["level"] = "warning" },
    };

    /// <param name="webHookTimeout">how long one web hook attempt may take (Kratos: 30 s).</param>
    /// <param name="webHookRetryWait">the wait before a web hook's first retry (Kratos: 1 s).</param>
    public static async Task<TesseraServer> StartAsync(TestDatabase database, Action<JsonObject>? configure = null, TimeProvider? time = null,
        string? credentialRateLimit = null, bool watchCourier = true, TimeSpan? webHookTimeout = null, TimeSpan? webHookRetryWait = null)
    {
        var publicPort = FreePort.Next();
        var adminPort = FreePort.Next();
        var config = DefaultConfig(database.Dsn, publicPort, adminPort);
        configure?.Invoke(config);
        var server = new TesseraServer { _database = database };
        server._app = await TesseraApp.BuildAsync(new TesseraConfig(config, null, devFlag: false), new TesseraAppOptions
        {
            Migrate = true, Time = time, CredentialRateLimit = credentialRateLimit, WatchCourier = watchCourier,
            WebHookTimeout = webHookTimeout ?? TimeSpan.FromSeconds(30), WebHookRetryWait = webHookRetryWait ?? TimeSpan.FromSeconds(1),
        });
        await server._app.StartAsync();
        server.PublicUrl = new Uri($"http://127.0.0.1:{publicPort}/");
        server.AdminUrl = new Uri($"http://127.0.0.1:{adminPort}/");
        server.Public = Client(server.PublicUrl);
        server.Admin = Client(server.AdminUrl);
        return server;
    }

    static HttpClient Client(Uri baseAddress) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };

    public async Task<JsonObject> CreateIdentityAsync(JsonObject body)
    {
        using var response = await Admin.PostAsJsonAsync("/admin/identities", body);
        var json = await response.Content.ReadFromJsonAsync<JsonObject>();
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"create failed: {(int)response.StatusCode} {json}");
        }

        return json!;
    }

    public async ValueTask DisposeAsync()
    {
        Public?.Dispose();
        Admin?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
