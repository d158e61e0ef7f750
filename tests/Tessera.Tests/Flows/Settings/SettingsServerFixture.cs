using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;

namespace Tessera.Tests.Flows.Settings;

/// <summary>The flow tests' server plus the settings flow of FLOWS.md §0: its UI URL and a 15-minute privileged session.</summary>
public abstract class SettingsServerFixture : ServerFixture
{
    public const string Ui = FlowServerFixture.Ui;

    public static readonly TimeSpan PrivilegedSessionMaxAge = TimeSpan.FromMinutes(15);

    private protected override bool FakeClock => true;

    private protected override void Configure(JsonObject config) => Apply(config);

    internal static void Apply(JsonObject config)
    {
        FlowServerFixture.Apply(config);
        config["selfservice"]!["flows"]!["settings"] = JsonNode.Parse($$"""{ "ui_url": "{{Ui}}settings", "privileged_session_max_age": "15m" }""");
    }
}

public sealed class SqliteSettingsServerFixture : SettingsServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => Sqlite();
}

public sealed class PostgresSettingsServerFixture : SettingsServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => PostgresIfAvailable();
}
