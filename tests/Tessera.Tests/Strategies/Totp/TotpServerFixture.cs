using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;

namespace Tessera.Tests.Strategies.Totp;

/// <summary>The settings fixture with TOTP on, a cipher secret (credential secrets sealed under a derived key), and Kratos's default <c>highest_available</c>.</summary>
public abstract class TotpServerFixture : ServerFixture
{
    public const string Issuer = "Tessera Tests";

    private protected override bool FakeClock => true;

    private protected override void Configure(JsonObject config)
    {
        SettingsServerFixture.Apply(config);
        config["secrets"]!["default"] = new JsonArray("totp-tests-default-secret-0123456789");
        config["identity"]!["schemas"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "totp-account",
            ["url"] = "file://" + TesseraServer.FixturePath("schemas", "totp-account.schema.json"),
        });
        config["selfservice"]!["methods"]!["totp"] = new JsonObject { ["enabled"] = true, ["config"] = new JsonObject { ["issuer"] = Issuer } };
    }
}

public sealed class SqliteTotpServerFixture : TotpServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => Sqlite();
}

public sealed class PostgresTotpServerFixture : TotpServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => PostgresIfAvailable();
}
