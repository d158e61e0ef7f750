using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;

namespace Tessera.Tests.Strategies.LookupSecret;

/// <summary>The settings fixture with lookup secrets on, a default secret (codes sealed under a derived key), and Kratos's default <c>highest_available</c>.</summary>
public abstract class LookupSecretServerFixture : ServerFixture
{
    private protected override bool FakeClock => true;

    private protected override void Configure(JsonObject config)
    {
        SettingsServerFixture.Apply(config);
        config["secrets"]!["default"] = new JsonArray("lookup-tests-default-secret-0123456789");
        config["selfservice"]!["methods"]!["lookup_secret"] = new JsonObject { ["enabled"] = true };
    }
}

public sealed class SqliteLookupSecretServerFixture : LookupSecretServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => Sqlite();
}

public sealed class PostgresLookupSecretServerFixture : LookupSecretServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => PostgresIfAvailable();
}
