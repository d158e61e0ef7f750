using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Courier;
using Tessera.Persistence;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Infrastructure.HttpJson;

namespace Tessera.Tests.Courier;

/// <summary>A server without a running worker, so what the admin API shows changes only when a test pulls.</summary>
public abstract class CourierAdminFixture : ServerFixture
{
    internal SmtpSink Smtp { get; } = SmtpSink.Start();

    private protected override bool WatchCourier => false;

    private protected override void Configure(JsonObject config) =>
        config["courier"] = new JsonObject { ["smtp"] = new JsonObject { ["connection_uri"] = Smtp.Uri() } };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteCourierAdminFixture : CourierAdminFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => Sqlite();
}

public sealed class PostgresCourierAdminFixture : CourierAdminFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => PostgresIfAvailable();
}

/// <summary><c>GET /admin/courier/messages</c> and <c>/{id}</c>: filters, keyset pages, errors, redaction; and queueing in a transaction.</summary>
public abstract partial class CourierAdminTests(CourierAdminFixture fixture)
{
    TesseraServer Server => fixture.Require();

    HttpClient Admin => Server.Admin;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_queued_message_reads_queued_then_sent_with_a_success_dispatch_once_the_worker_pulls()
    {
        var to = Unique("pull");
        var id = await Server.EnqueueAsync(CourierTestServer.Stub(to));

        var queued = await Server.MessageAsync(id);
        Assert.Equal("queued", queued.Status());
        Assert.Equal(0, queued.SendCount());
        Assert.False(queued.ContainsKey("dispatches"));
        Assert.Equal(["id", "status", "type", "recipient", "body", "subject", "template_type", "channel", "send_count", "created_at", "updated_at"],
            queued.Select(p => p.Key));

        // Other tests of the class leave queued messages; the worker takes the oldest first, ten at a time.
        var dispatcher = ActivatorUtilities.CreateInstance<Dispatcher>(Server.Services);
        var sent = queued;
        for (var pulls = 0; pulls < 20 && sent.Status() == "queued"; pulls++)
        {
            Assert.True(await dispatcher.PullAsync(Ct) >= 1);
            sent = await Server.MessageAsync(id);
        }

        Assert.Equal("sent", sent.Status());
        Assert.Equal(1, sent.SendCount());
        var dispatch = Assert.Single(sent.Dispatches())!.AsObject();
        Assert.Equal(["id", "message_id", "status", "created_at", "updated_at"], dispatch.Select(p => p.Key));
        Assert.Equal("success", dispatch["status"]!.GetValue<string>());
        Assert.Single(fixture.Smtp.For(to));

        var (_, list, _) = await Admin.GetJsonAsync($"/admin/courier/messages?status=sent&recipient={Uri.EscapeDataString(to)}");
        var listed = Assert.Single(list!.AsArray())!.AsObject();
        Assert.Equal(id.ToString(), listed["id"]!.GetValue<string>());
        Assert.False(listed.ContainsKey("dispatches")); // Kratos's list carries no dispatches
    }

    [Fact]
    public async Task Two_workers_pulling_at_once_send_every_message_exactly_once()
    {
        var recipients = Enumerable.Range(0, 25).Select(i => Unique($"race{i}")).ToList();
        var ids = new List<Guid>();
        foreach (var recipient in recipients)
        {
            ids.Add(await Server.EnqueueAsync(CourierTestServer.Stub(recipient)));
        }

        // Two nodes' workers: PostgreSQL skips the rows the other holds, SQLite serializes the claims.
        var workers = new[] { ActivatorUtilities.CreateInstance<Dispatcher>(Server.Services), ActivatorUtilities.CreateInstance<Dispatcher>(Server.Services) };
        var store = Server.Services.GetRequiredService<CourierStore>();
        for (var round = 0; round < 20; round++)
        {
            await Task.WhenAll(workers.Select(w => w.PullAsync(Ct)));
            var states = await Task.WhenAll(ids.Select(id => store.GetAsync(id, Ct)));
            if (states.All(m => m!.Status == CourierMessageStatus.Sent))
            {
                break;
            }
        }

        foreach (var (recipient, id) in recipients.Zip(ids))
        {
            Assert.Single(fixture.Smtp.For(recipient));
            var message = await Server.MessageAsync(id);
            Assert.Equal("sent", message.Status());
            Assert.Equal(1, message.SendCount());
            Assert.Single(message.Dispatches());
        }
    }

    [Fact]
    public async Task The_list_filters_by_recipient_and_status_newest_first_and_pages_with_links_that_keep_the_filters()
    {
        var to = Unique("list");
        var other = Unique("other");
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Server.EnqueueAsync(CourierTestServer.Stub(to, $"Subject {i}")));
        }

        await Server.EnqueueAsync(CourierTestServer.Stub(other));

        var seen = new List<JsonObject>();
        string? next = $"/admin/courier/messages?page_size=2&recipient={Uri.EscapeDataString(to)}";
        var pages = 0;
        while (next is not null)
        {
            var (status, body, response) = await Admin.GetJsonAsync(next);
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(body!.AsArray().Select(m => m!.AsObject()));
            var link = string.Join(",", response.Headers.GetValues("Link"));
            Assert.Contains("rel=\"first\"", link);
            Assert.Contains("recipient=" + Uri.EscapeDataString(to), link);
            next = NextLink().Match(link) is { Success: true } m ? m.Groups[1].Value : null;
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(ids.Select(i => i.ToString()).Order(), seen.Select(m => m["id"]!.GetValue<string>()).Order());
        Assert.All(seen, m => Assert.Equal(to, m["recipient"]!.GetValue<string>()));
        var created = seen.Select(m => DateTime.Parse(m["created_at"]!.GetValue<string>(), null, System.Globalization.DateTimeStyles.RoundtripKind)).ToList();
        Assert.Equal(created.OrderDescending(), created);

        var (_, queued, _) = await Admin.GetJsonAsync($"/admin/courier/messages?status=queued&recipient={Uri.EscapeDataString(to)}");
        Assert.Equal(5, queued!.AsArray().Count);
        var (_, sent, _) = await Admin.GetJsonAsync($"/admin/courier/messages?status=sent&recipient={Uri.EscapeDataString(to)}");
        Assert.Empty(sent!.AsArray());
    }

    [Fact]
    public async Task The_default_page_holds_ten_messages()
    {
        var to = Unique("ten");
        for (var i = 0; i < 11; i++)
        {
            await Server.EnqueueAsync(CourierTestServer.Stub(to));
        }

        var (_, body, response) = await Admin.GetJsonAsync($"/admin/courier/messages?recipient={Uri.EscapeDataString(to)}");
        Assert.Equal(10, body!.AsArray().Count);
        Assert.Contains("rel=\"next\"", string.Join(",", response.Headers.GetValues("Link")));
    }

    [Theory]
    [InlineData("status=unknown")]
    [InlineData("status=QUEUED")]
    [InlineData("status=")]
    [InlineData("page_size=0")]
    [InlineData("page_size=ten")]
    [InlineData("page_token=not-a-token")]
    public async Task Bad_list_parameters_are_a_400_in_kratos_format(string query)
    {
        var (status, body, _) = await Admin.GetJsonAsync("/admin/courier/messages?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, body!["error"]!["code"]!.GetValue<int>());
        Assert.Equal("Bad Request", body["error"]!["status"]!.GetValue<string>());
        if (query.StartsWith("status", StringComparison.Ordinal))
        {
            Assert.StartsWith("Message status is not valid", body["error"]!["reason"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task An_unknown_message_is_a_404_and_a_malformed_id_a_400()
    {
        var (missing, body, _) = await Admin.GetJsonAsync($"/admin/courier/messages/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal(404, body!["error"]!["code"]!.GetValue<int>());
        Assert.Equal("Unable to locate the resource", body["error"]!["message"]!.GetValue<string>());

        var (malformed, error, _) = await Admin.GetJsonAsync("/admin/courier/messages/not-a-uuid");
        Assert.Equal(HttpStatusCode.BadRequest, malformed);
        Assert.Equal(400, error!["error"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Subject_and_body_are_redacted_unless_dev_mode()
    {
        var production = await fixture.StartAnotherAsync(c => c["dev"] = false);
        var to = Unique("redact");
        var id = await production.EnqueueAsync(CourierTestServer.Stub(to, "Use code 987654", "Your code is 987654"));

        var message = await production.MessageAsync(id);
        Assert.Equal("<redacted-unless-dev-mode>", message["subject"]!.GetValue<string>());
        Assert.Equal("<redacted-unless-dev-mode>", message["body"]!.GetValue<string>());
        var (_, list, _) = await production.Admin.GetJsonAsync($"/admin/courier/messages?recipient={Uri.EscapeDataString(to)}");
        Assert.DoesNotContain("987654", list!.ToJsonString());

        var dev = await Server.MessageAsync(await Server.EnqueueAsync(CourierTestServer.Stub(to, "Use code 987654", "Your code is 987654")));
        Assert.Equal("Use code 987654", dev["subject"]!.GetValue<string>());
        Assert.Equal("Your code is 987654", dev["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_message_queued_in_the_callers_transaction_commits_and_rolls_back_with_it()
    {
        var database = Server.Services.GetRequiredService<Database>();
        var queue = Server.Queue();
        var rolledBack = Unique("rollback");
        await Assert.ThrowsAsync<InvalidOperationException>(() => database.InTransactionAsync<Guid>(async (connection, tx) =>
        {
            await queue.EnqueueAsync(CourierTestServer.Stub(rolledBack), connection, tx, Ct);
            throw new InvalidOperationException("the flow's own write failed");
        }, Ct));
        var (_, none, _) = await Admin.GetJsonAsync($"/admin/courier/messages?recipient={Uri.EscapeDataString(rolledBack)}");
        Assert.Empty(none!.AsArray());

        var committed = Unique("commit");
        var id = await database.InTransactionAsync((connection, tx) => queue.EnqueueAsync(CourierTestServer.Stub(committed), connection, tx, Ct), Ct);
        Assert.Equal("queued", (await Server.MessageAsync(id)).Status());
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("Someone <someone@example.com>")]
    [InlineData("a@example.com\r\nBcc: b@example.com")]
    public async Task An_email_to_something_that_is_not_an_address_is_not_queued(string recipient)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Server.EnqueueAsync(CourierTestServer.Stub(recipient)));
    }

    [GeneratedRegex("<([^>]*)>; rel=\"next\"")]
    private static partial Regex NextLink();
}

public sealed class CourierAdminTests_Sqlite(SqliteCourierAdminFixture fixture) : CourierAdminTests(fixture), IClassFixture<SqliteCourierAdminFixture>;

public sealed class CourierAdminTests_Postgres(PostgresCourierAdminFixture fixture) : CourierAdminTests(fixture), IClassFixture<PostgresCourierAdminFixture>;
