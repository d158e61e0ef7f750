using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;

namespace Tessera.Tests.Flows;

/// <summary>
/// A server for recovery and verification (FLOWS.md §0, §8, §9): both flows on, codes valid 10 minutes in flows of 30,
/// the link method on (for the admin link), continue-with transitions (as FLOWS.md's native recovery needs), recovery
/// revoking other sessions, show_verification_ui after password registration and profile settings, and a real SMTP
/// sink the courier delivers to.
/// </summary>
public abstract class CodeFlowServerFixture : ServerFixture
{
    public const string Ui = FlowServerFixture.Ui;

    public static readonly TimeSpan CodeLifespan = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan FlowLifespan = TimeSpan.FromMinutes(30);

    internal SmtpSink Smtp { get; } = SmtpSink.Start();

    private protected override bool FakeClock => true;

    private protected override void Configure(JsonObject config) => Apply(config, Smtp);

    internal static void Apply(JsonObject config, SmtpSink smtp)
    {
        SettingsServerFixture.Apply(config);
        var selfservice = config["selfservice"]!.AsObject();
        var flows = selfservice["flows"]!.AsObject();
        flows["recovery"] = JsonNode.Parse($$"""
            { "enabled": true, "ui_url": "{{Ui}}recovery", "lifespan": "30m", "after": { "hooks": [ { "hook": "revoke_active_sessions" } ] } }
            """);
        flows["verification"] = JsonNode.Parse($$"""{ "enabled": true, "ui_url": "{{Ui}}verification", "lifespan": "30m" }""");
        flows["registration"]!["after"] = JsonNode.Parse("""{ "password": { "hooks": [ { "hook": "show_verification_ui" }, { "hook": "session" } ] } }""");
        flows["settings"]!["after"] = JsonNode.Parse("""{ "profile": { "hooks": [ { "hook": "show_verification_ui" } ] } }""");
        selfservice["methods"]!["code"] = JsonNode.Parse("""{ "config": { "lifespan": "10m" } }""");
        selfservice["methods"]!["link"] = JsonNode.Parse("""{ "enabled": true }""");
        config["courier"] = new JsonObject { ["smtp"] = new JsonObject { ["connection_uri"] = smtp.Uri(), ["from_address"] = "accounts@example.org" } };
        config["feature_flags"] = new JsonObject { ["use_continue_with_transitions"] = true };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteCodeFlowServerFixture : CodeFlowServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => Sqlite();
}

public sealed class PostgresCodeFlowServerFixture : CodeFlowServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => PostgresIfAvailable();
}
