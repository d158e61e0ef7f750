using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;

namespace Tessera.Tests.Strategies.Passkey;

/// <summary>
/// The settings fixture with passkeys on (relying party <c>localhost</c>, origin <see cref="Origin"/>), a schema whose
/// e-mail is the passkey display name, and one-step registration with the session hook.
/// </summary>
public abstract class PasskeyServerFixture : ServerFixture
{
    public const string Origin = "http://localhost:4455";

    private protected override bool FakeClock => true;

    private protected override void Configure(JsonObject config)
    {
        SettingsServerFixture.Apply(config);
        config["identity"]!["default_schema_id"] = "webauthn";
        config["identity"]!["schemas"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "webauthn",
            ["url"] = "file://" + TesseraServer.FixturePath("schemas", "email-webauthn.schema.json"),
        });
        var selfservice = config["selfservice"]!;
        selfservice["methods"]!["passkey"] = new JsonObject
        {
            ["enabled"] = true,
            ["config"] = new JsonObject
            {
                ["rp"] = new JsonObject { ["id"] = "localhost", ["display_name"] = "Tessera Tests", ["origins"] = new JsonArray(Origin) },
            },
        };
        var registration = selfservice["flows"]!["registration"]!;
        registration["enable_legacy_one_step"] = true;
        registration["after"]!["passkey"] = new JsonObject { ["hooks"] = new JsonArray(new JsonObject { ["hook"] = "session" }) };
    }
}

public sealed class SqlitePasskeyServerFixture : PasskeyServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => Sqlite();
}

public sealed class PostgresPasskeyServerFixture : PasskeyServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => PostgresIfAvailable();
}
