using System.Text.Json.Nodes;
using Tessera.Tests.Flows;
using Tessera.Tests.Infrastructure;

namespace Tessera.Tests.Strategies.CodeMethod;

/// <summary>
/// The code-flow server (real SMTP sink, fake clock) with the e-mail trait a code identifier (FLOWS.md §10), codes valid
/// 5 minutes, at most 3 code submissions per flow, <c>missing_credential_fallback_enabled</c> (identities of the
/// <see cref="PasswordOnlySchema"/> get codes only through it), and the session hook after registration by code.
/// Passwordless login and registration are on; <see cref="Mfa"/> turns on codes (and backup codes) as second factors instead.
/// </summary>
public abstract class CodeServerFixture : ServerFixture
{
    public const string Ui = CodeFlowServerFixture.Ui;

    public const int MaxSubmissions = 3;

    /// <summary>The id of the e-mail + password schema, whose e-mail is no code identifier.</summary>
    public const string PasswordOnlySchema = "email-password";

    internal SmtpSink Smtp { get; } = SmtpSink.Start();

    private protected override bool FakeClock => true;

    private protected virtual bool Mfa => false;

    private protected override void Configure(JsonObject config)
    {
        CodeFlowServerFixture.Apply(config, Smtp);
        config["identity"]!["schemas"]![0]!["url"] = "file://" + TesseraServer.FixturePath("schemas", "email-code.schema.json");
        var methods = config["selfservice"]!["methods"]!.AsObject();
        methods["code"] = new JsonObject
        {
            ["passwordless_enabled"] = !Mfa,
            ["mfa_enabled"] = Mfa,
            ["config"] = new JsonObject { ["lifespan"] = "5m", ["max_submissions"] = MaxSubmissions, ["missing_credential_fallback_enabled"] = true },
        };
        if (Mfa)
        {
            // Backup codes: a second factor of another method, which keeps the aal2 flow from sending a code at once.
            methods["lookup_secret"] = new JsonObject { ["enabled"] = true };
        }

        // A schema without a code identifier: its identities get codes only through the fallback.
        config["identity"]!["schemas"]!.AsArray().Add(new JsonObject
        {
            ["id"] = PasswordOnlySchema,
            ["url"] = "file://" + TesseraServer.FixturePath("schemas", "email-password.schema.json"),
        });
        config["selfservice"]!["flows"]!["registration"]!["after"]!["code"] = JsonNode.Parse("""{ "hooks": [ { "hook": "session" } ] }""");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteCodeServerFixture : CodeServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => Sqlite();
}

public sealed class PostgresCodeServerFixture : CodeServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => PostgresIfAvailable();
}

public sealed class SqliteCodeMfaServerFixture : CodeServerFixture
{
    private protected override bool Mfa => true;

    private protected override Task<TestDatabase?> CreateDatabaseAsync() => Sqlite();
}

public sealed class PostgresCodeMfaServerFixture : CodeServerFixture
{
    private protected override bool Mfa => true;

    private protected override Task<TestDatabase?> CreateDatabaseAsync() => PostgresIfAvailable();
}
