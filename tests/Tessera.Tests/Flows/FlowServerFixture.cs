using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;

namespace Tessera.Tests.Flows;

/// <summary>A server for the self-service flow tests: UI URLs, allowed return URLs, the session hook, a fake clock.</summary>
public abstract class FlowServerFixture : ServerFixture
{
    public const string Ui = "http://127.0.0.1:4455/";

    private protected override bool FakeClock => true;

    private protected override void Configure(JsonObject config) => Apply(config);

    internal static void Apply(JsonObject config)
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
}

public sealed class SqliteFlowServerFixture : FlowServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => Sqlite();
}

public sealed class PostgresFlowServerFixture : FlowServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => PostgresIfAvailable();
}
