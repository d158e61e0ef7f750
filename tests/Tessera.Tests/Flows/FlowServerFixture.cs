using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Tessera.Tests.Infrastructure;
using Xunit;

namespace Tessera.Tests.Flows;

/// <summary>A server for the self-service flow tests: UI URLs, allowed return URLs, the session hook, a fake clock.</summary>
public abstract class FlowServerFixture : IAsyncLifetime
{
    public const string Ui = "http://127.0.0.1:4455/";

    internal FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    internal TesseraServer? Server { get; private set; }

    internal string? SkipReason { get; private set; }

    private protected abstract Task<TestDatabase?> CreateDatabaseAsync();

    internal static void Configure(JsonObject config)
    {
        config["secrets"] = new JsonObject { ["cookie"] = new JsonArray("flow-tests-cookie-secret-0123456789") };
        config["selfservice"] = JsonNode.Parse($$"""
            {
              "default_browser_return_url": "{{Ui}}welcome",
              "allowed_return_urls": ["{{Ui}}"],
              "methods": { "password": { "config": { "haveibeenpwned_enabled": false } } },
              "flows": {
                "error": { "ui_url": "{{Ui}}error" },
                "login": { "ui_url": "{{Ui}}login", "lifespan": "10m" },
                "registration": { "ui_url": "{{Ui}}registration", "after": { "password": { "hooks": [ { "hook": "session" } ] } } }
              }
            }
            """);
    }

    public async ValueTask InitializeAsync()
    {
        var database = await CreateDatabaseAsync();
        if (database is null)
        {
            SkipReason = TestDatabase.PostgresUnavailableReason();
            return;
        }

        Server = await TesseraServer.StartAsync(database, Configure, Time);
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    internal TesseraServer Require()
    {
        if (Server is null)
        {
            Assert.Skip(SkipReason ?? "the server did not start");
        }

        return Server!;
    }
}

public sealed class SqliteFlowServerFixture : FlowServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(TestDatabase.Sqlite());
}

public sealed class PostgresFlowServerFixture : FlowServerFixture
{
    private protected override async Task<TestDatabase?> CreateDatabaseAsync() =>
        TestDatabase.PostgresUnavailableReason() is null ? await TestDatabase.PostgresAsync() : null;
}
