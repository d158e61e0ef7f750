using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;

namespace Tessera.Tests.Courier;

/// <summary>
/// A server on a fake clock whose courier worker sends through a real SMTP sink (user <c>test</c>) and an SMS channel to a
/// real HTTP sink; two retries, so a failing message is abandoned after three attempts.
/// </summary>
public abstract class CourierFixture : ServerFixture
{
    internal const string FromAddress = "accounts@example.org";
    internal const string FromName = "Example Accounts";
    internal const string SesArn = "arn:aws:ses:us-west-2:123456789012:identity/example.org";

    readonly SemaphoreSlim _brokenLock = new(1, 1);
    TesseraServer? _broken;

    internal SmtpSink Smtp { get; } = SmtpSink.Start(password: "s3cret");

    internal HttpSink Http { get; } = HttpSink.Start();

    private protected override bool FakeClock => true;

    private protected override void Configure(JsonObject config)
    {
        config["courier"] = new JsonObject
        {
            ["smtp"] = new JsonObject
            {
                ["connection_uri"] = Smtp.Uri("?disable_starttls=true", "test:s3cret"),
                ["from_address"] = FromAddress,
                ["from_name"] = FromName,
                ["headers"] = new JsonObject { ["X-SES-SOURCE-ARN"] = SesArn },
                ["local_name"] = "tessera.test",
            },
            ["message_retries"] = 2,
            ["worker"] = new JsonObject { ["pull_count"] = 10, ["pull_wait"] = "1s" },
            ["channels"] = new JsonArray(new JsonObject
            {
                ["id"] = "sms",
                ["type"] = "http",
                ["request_config"] = new JsonObject
                {
                    ["url"] = Http.Url + "sms",
                    ["method"] = "POST",
                    ["headers"] = new JsonObject { ["X-Provider"] = "test" },
                    ["auth"] = new JsonObject
                    {
                        ["type"] = "api_key",
                        ["config"] = new JsonObject { ["name"] = "X-Api-Key", ["value"] = "k3y", ["in"] = "header" },
                    },
                },
            }),
        };
    }

    /// <summary>A second server, started once, whose SMTP server is not there and which has no SMS channel.</summary>
    internal async Task<TesseraServer> BrokenAsync()
    {
        await _brokenLock.WaitAsync();
        try
        {
            return _broken ??= await StartAnotherAsync(c =>
            {
                c["courier"]!["smtp"]!["connection_uri"] = $"smtp://127.0.0.1:{FreePort.Next()}/?disable_starttls=true";
                c["courier"]!.AsObject().Remove("channels");
            });
        }
        finally
        {
            _brokenLock.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        await Http.DisposeAsync();
        _brokenLock.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteCourierFixture : CourierFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => Sqlite();
}

public sealed class PostgresCourierFixture : CourierFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => PostgresIfAvailable();
}
