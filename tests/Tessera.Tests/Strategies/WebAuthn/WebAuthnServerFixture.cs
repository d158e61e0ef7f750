using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;

namespace Tessera.Tests.Strategies.WebAuthn;

/// <summary>
/// The settings fixture with WebAuthn on (relying party <c>localhost</c>, origin <see cref="Origin"/>), a schema whose
/// e-mail is the password and webauthn identifier, one-step registration with the session hook, and Kratos's default
/// <c>highest_available</c>. Passwordless or second factor as the subclass says.
/// </summary>
public abstract class WebAuthnServerFixture : ServerFixture
{
    public const string Origin = "http://localhost:4455";

    private protected override bool FakeClock => true;

    private protected abstract bool Passwordless { get; }

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
        selfservice["methods"]!["webauthn"] = new JsonObject
        {
            ["enabled"] = true,
            ["config"] = new JsonObject
            {
                ["passwordless"] = Passwordless,
                ["rp"] = new JsonObject { ["id"] = "localhost", ["display_name"] = "Tessera Tests", ["origins"] = new JsonArray(Origin) },
            },
        };
        var registration = selfservice["flows"]!["registration"]!;
        registration["enable_legacy_one_step"] = true;
        registration["after"]!["webauthn"] = new JsonObject { ["hooks"] = new JsonArray(new JsonObject { ["hook"] = "session" }) };
    }
}

public abstract class WebAuthnMfaServerFixture : WebAuthnServerFixture
{
    private protected override bool Passwordless => false;
}

public abstract class WebAuthnPasswordlessServerFixture : WebAuthnServerFixture
{
    private protected override bool Passwordless => true;
}

public sealed class SqliteWebAuthnMfaServerFixture : WebAuthnMfaServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => Sqlite();
}

public sealed class PostgresWebAuthnMfaServerFixture : WebAuthnMfaServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => PostgresIfAvailable();
}

public sealed class SqliteWebAuthnPasswordlessServerFixture : WebAuthnPasswordlessServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => Sqlite();
}

public sealed class PostgresWebAuthnPasswordlessServerFixture : WebAuthnPasswordlessServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => PostgresIfAvailable();
}
