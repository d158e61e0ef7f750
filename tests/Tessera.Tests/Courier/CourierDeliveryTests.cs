using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Tessera.Courier;
using Tessera.Persistence;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Infrastructure.HttpJson;

namespace Tessera.Tests.Courier;

/// <summary>The worker inside the server delivers what the queue holds: real SMTP and HTTP on loopback, retries on a fake clock.</summary>
public abstract class CourierDeliveryTests(CourierFixture fixture)
{
    TesseraServer Server => fixture.Require();

    [Fact]
    public async Task Queued_email_arrives_with_from_to_subject_headers_and_both_bodies_then_reads_sent_with_a_success_dispatch()
    {
        var to = Unique("mail");
        var id = await Server.EnqueueAsync(CourierTestServer.Stub(to, "Use code 123456 to verify your account", "Your code is 123456",
            "<p>Your code is <b>123456</b></p>"));

        var mail = await fixture.Smtp.WaitForAsync(to);
        Assert.Equal(CourierFixture.FromAddress, mail.EnvelopeFrom);
        Assert.Equal([to], mail.EnvelopeTo);
        Assert.Equal("test", mail.User);
        Assert.Equal("tessera.test", mail.Helo);
        var from = Assert.Single(mail.Message.From.Mailboxes);
        Assert.Equal((CourierFixture.FromName, CourierFixture.FromAddress), (from.Name, from.Address));
        Assert.Equal(to, Assert.Single(mail.Message.To.Mailboxes).Address);
        Assert.Equal("Use code 123456 to verify your account", mail.Message.Subject);
        Assert.Equal(CourierFixture.SesArn, mail.Message.Headers["X-SES-SOURCE-ARN"]);
        Assert.Equal($"{id:D}@example.org", mail.Message.MessageId);
        var alternative = Assert.IsType<MultipartAlternative>(mail.Message.Body);
        Assert.Equal("multipart/alternative", alternative.ContentType.MimeType);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal("Your code is 123456", mail.Message.TextBody?.TrimEnd());
        Assert.Equal("<p>Your code is <b>123456</b></p>", mail.Message.HtmlBody?.TrimEnd());

        var message = await Server.UntilAsync(id, m => m.Status() == "sent");
        Assert.Equal(1, message.SendCount());
        var dispatch = Assert.Single(message.Dispatches())!;
        Assert.Equal("success", dispatch["status"]!.GetValue<string>());
        Assert.Equal(id.ToString(), dispatch["message_id"]!.GetValue<string>());
        Assert.Null(dispatch["error"]);
        Assert.Equal("email", message["type"]!.GetValue<string>());
        Assert.Equal("email", message["channel"]!.GetValue<string>());
        Assert.Equal(to, message["recipient"]!.GetValue<string>());
        Assert.Equal("stub", message["template_type"]!.GetValue<string>());
        Assert.Equal("Your code is 123456", message["body"]!.GetValue<string>()); // dev mode: not redacted
        Assert.Single(fixture.Smtp.For(to));
    }

    [Fact]
    public async Task Plain_text_email_is_a_single_text_part()
    {
        var to = Unique("plain");
        await Server.EnqueueAsync(CourierTestServer.Stub(to, "Plain", "Only text"));

        var mail = await fixture.Smtp.WaitForAsync(to);
        var part = Assert.IsType<TextPart>(mail.Message.Body);
        Assert.Equal("text/plain", part.ContentType.MimeType);
        Assert.Equal("Only text", part.Text.TrimEnd());
    }

    [Fact]
    public async Task A_451_is_retried_with_growing_back_off_and_abandoned_after_message_retries()
    {
        var to = Unique("refuse451-retry");
        var id = await Server.EnqueueAsync(CourierTestServer.Stub(to));

        // The first attempt follows the enqueue at once; later ones wait for their back-off on the fake clock.
        var first = await Server.UntilAsync(id, m => m.Dispatches().Count == 1);
        Assert.Equal("queued", first.Status());
        Assert.Equal(1, first.SendCount());
        var error = first.Dispatches()[0]!["error"]!;
        Assert.Equal("failed", first.Dispatches()[0]!["status"]!.GetValue<string>());
        Assert.Equal("failed to send email via smtp", error["reason"]!.GetValue<string>());
        Assert.Contains("451", error["message"]!.GetValue<string>());

        var done = await Server.UntilAsync(id, m => m.Status() == "abandoned", fixture.Time);
        Assert.Equal(3, done.SendCount()); // message_retries: 2 → three attempts
        var times = done.Dispatches().Select(d => DateTime.Parse(d!["created_at"]!.GetValue<string>(), null,
            System.Globalization.DateTimeStyles.RoundtripKind)).Order().ToList();
        Assert.Equal(3, times.Count);
        Assert.All(done.Dispatches(), d => Assert.Equal("failed", d!["status"]!.GetValue<string>()));
        // pull_wait is 1s: one second after the first failure, two after the second.
        Assert.InRange(times[1] - times[0], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2.5));
        Assert.InRange(times[2] - times[1], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3.5));
        Assert.Equal(3, fixture.Smtp.Attempts.Count(a => a == to));
        Assert.Empty(fixture.Smtp.For(to));
    }

    [Fact]
    public async Task A_550_abandons_the_message_after_one_failed_dispatch()
    {
        var to = Unique("refuse550-once");
        var id = await Server.EnqueueAsync(CourierTestServer.Stub(to));

        var message = await Server.UntilAsync(id, m => m.Status() == "abandoned");
        var dispatch = Assert.Single(message.Dispatches())!;
        Assert.Equal("failed", dispatch["status"]!.GetValue<string>());
        Assert.StartsWith("550", dispatch["error"]!["message"]!.GetValue<string>());
        Assert.Equal(1, message.SendCount());
    }

    [Fact]
    public async Task An_SMTP_server_that_is_down_fails_the_dispatch_and_the_message_waits_for_a_retry()
    {
        var broken = await fixture.BrokenAsync();
        var id = await broken.EnqueueAsync(CourierTestServer.Stub(Unique("down")));

        var message = await broken.UntilAsync(id, m => m.Dispatches().Count >= 1);
        Assert.Equal("queued", message.Status());
        var dispatch = message.Dispatches()[0]!;
        Assert.Equal("failed", dispatch["status"]!.GetValue<string>());
        Assert.Equal("failed to send email via smtp", dispatch["error"]!["reason"]!.GetValue<string>());
        Assert.Equal(500, dispatch["error"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Sms_goes_to_the_sms_channel_with_kratos_default_body_headers_and_api_key()
    {
        var phone = "+1555" + Random.Shared.Next(1000000, 9999999);
        var id = await Server.EnqueueAsync(CourierMessage.Sms(phone, "Your verification code is: 424242", "verification_code_valid",
            new JsonObject { ["to"] = phone, ["verification_code"] = "424242", ["verification_url"] = "https://example.org/verify" }));

        var request = await fixture.Http.WaitForAsync(r => r.Body.Contains(phone, StringComparison.Ordinal));
        Assert.Equal("POST", request.Method);
        Assert.Equal("/sms", request.Path);
        Assert.Equal("test", request.Headers["X-Provider"]);
        Assert.Equal("k3y", request.Headers["X-Api-Key"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        var body = JsonNode.Parse(request.Body)!.AsObject();
        Assert.Equal(["body", "recipient", "recovery_code", "recovery_url", "subject", "template_type", "to", "verification_code", "verification_url"],
            body.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(phone, body["recipient"]!.GetValue<string>());
        Assert.Equal(phone, body["to"]!.GetValue<string>());
        Assert.Equal("verification_code_valid", body["template_type"]!.GetValue<string>());
        Assert.Equal("424242", body["verification_code"]!.GetValue<string>());
        Assert.Equal("https://example.org/verify", body["verification_url"]!.GetValue<string>());
        Assert.Equal("Your verification code is: 424242", body["body"]!.GetValue<string>());
        Assert.Equal("", body["subject"]!.GetValue<string>());
        Assert.Null(body["recovery_code"]);
        Assert.Null(body["recovery_url"]);

        var message = await Server.UntilAsync(id, m => m.Status() == "sent");
        Assert.Equal("sms", message["type"]!.GetValue<string>());
        Assert.Equal("sms", message["channel"]!.GetValue<string>());
        Assert.Equal("success", Assert.Single(message.Dispatches())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_non_2xx_answer_from_the_http_channel_is_a_failed_dispatch()
    {
        var id = await Server.EnqueueAsync(CourierMessage.Sms("fail-+15550001", "code 1", "login_code_valid"));

        var message = await Server.UntilAsync(id, m => m.Dispatches().Count >= 1);
        Assert.Equal("queued", message.Status());
        Assert.Contains("status code 500", message.Dispatches()[0]!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sms_without_an_sms_channel_fails_its_dispatch_naming_the_channel()
    {
        var broken = await fixture.BrokenAsync();
        var id = await broken.EnqueueAsync(CourierMessage.Sms("+15550002", "code 2", "login_code_valid"));

        var message = await broken.UntilAsync(id, m => m.Dispatches().Count >= 1);
        Assert.Equal("queued", message.Status());
        Assert.Contains("no courier channel is configured for \"sms\"", message.Dispatches()[0]!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Email_over_the_http_delivery_strategy_posts_the_default_body_with_basic_auth()
    {
        var server = await fixture.StartAnotherAsync(c =>
        {
            c["courier"]!["delivery_strategy"] = "http";
            c["courier"]!["http"] = new JsonObject
            {
                ["request_config"] = new JsonObject
                {
                    ["url"] = fixture.Http.Url + "mail",
                    ["auth"] = new JsonObject { ["type"] = "basic_auth", ["config"] = new JsonObject { ["user"] = "mailer", ["password"] = "pw" } },
                },
            };
        });
        var to = Unique("http");
        var id = await server.EnqueueAsync(CourierMessage.Email(to, "Recover access", "Use 777", "<p>html</p>", "recovery_code_valid",
            new JsonObject { ["to"] = to, ["recovery_code"] = "777" }));

        var request = await fixture.Http.WaitForAsync(r => r.Path == "/mail" && r.Body.Contains(to, StringComparison.Ordinal));
        Assert.Equal("Basic " + Convert.ToBase64String("mailer:pw"u8.ToArray()), request.Headers["Authorization"]);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("777", body["recovery_code"]!.GetValue<string>());
        Assert.Equal("Recover access", body["subject"]!.GetValue<string>());
        Assert.Equal("Use 777", body["body"]!.GetValue<string>());
        Assert.Equal("sent", (await server.UntilAsync(id, m => m.Status() == "sent")).Status());
        Assert.DoesNotContain(to, fixture.Smtp.Attempts);
    }

    [Fact]
    public async Task A_jsonnet_body_template_makes_the_request_from_kratos_ctx()
    {
        // The template a Kratos user might keep in a file: fields from ctx and template_data, a computed one.
        const string template = """
            function(ctx) {
              to: ctx.recipient,
              kind: ctx.message_type + "/" + ctx.template_type,
              text: ctx.body,
              code: if "recovery_code" in ctx.template_data then ctx.template_data.recovery_code else null,
              shout: std.asciiUpper(ctx.subject),
              html: std.objectHas(ctx, "html_body"),
            }
            """;
        var server = await fixture.StartAnotherAsync(c =>
        {
            c["courier"]!["delivery_strategy"] = "http";
            c["courier"]!["http"] = new JsonObject
            {
                ["request_config"] = new JsonObject
                {
                    ["url"] = fixture.Http.Url + "templated",
                    ["body"] = "base64://" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(template)),
                },
            };
        });
        var to = Unique("jsonnet");
        var id = await server.EnqueueAsync(CourierMessage.Email(to, "Recover access", "Use 778", "<p>html</p>", "recovery_code_valid",
            new JsonObject { ["to"] = to, ["recovery_code"] = "778" }));

        var request = await fixture.Http.WaitForAsync(r => r.Path == "/templated" && r.Body.Contains(to, StringComparison.Ordinal));
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        var body = JsonNode.Parse(request.Body)!.AsObject();
        Assert.Equal(["code", "html", "kind", "shout", "text", "to"], body.Select(p => p.Key));
        Assert.Equal(to, body["to"]!.GetValue<string>());
        Assert.Equal("email/recovery_code_valid", body["kind"]!.GetValue<string>());
        Assert.Equal("Use 778", body["text"]!.GetValue<string>());
        Assert.Equal("778", body["code"]!.GetValue<string>());
        Assert.Equal("RECOVER ACCESS", body["shout"]!.GetValue<string>());
        Assert.True(body["html"]!.GetValue<bool>());
        Assert.Equal("sent", (await server.UntilAsync(id, m => m.Status() == "sent")).Status());
    }

    [Fact]
    public async Task A_template_that_cancels_or_fails_abandons_the_message_without_a_request()
    {
        const string template = """function(ctx) if ctx.template_type == "login_code_valid" then error "cancel" else { n: 1 / 0 }""";
        var server = await fixture.StartAnotherAsync(c => c["courier"]!["channels"]![0]!["request_config"]!["body"] =
            "base64://" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(template)));
        var cancelled = await server.EnqueueAsync(CourierMessage.Sms("+15550003", "code 3", "login_code_valid"));
        var failed = await server.EnqueueAsync(CourierMessage.Sms("+15550004", "code 4", "verification_code_valid"));

        var first = await server.UntilAsync(cancelled, m => m.Status() == "abandoned");
        Assert.Contains("cancelled", Assert.Single(first.Dispatches())!["error"]!["message"]!.GetValue<string>());
        Assert.Equal("failed to render the HTTP request body", first.Dispatches()[0]!["error"]!["reason"]!.GetValue<string>());
        var second = await server.UntilAsync(failed, m => m.Status() == "abandoned");
        Assert.Contains("body template", Assert.Single(second.Dispatches())!["error"]!["message"]!.GetValue<string>());
        Assert.DoesNotContain(fixture.Http.Received, r => r.Body.Contains("+15550003", StringComparison.Ordinal) || r.Body.Contains("+15550004", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_left_processing_by_a_dead_worker_is_sent_once_when_its_lease_ends()
    {
        var to = Unique("orphan");
        var database = Server.Services.GetRequiredService<Database>();
        var store = Server.Services.GetRequiredService<CourierStore>();
        var now = fixture.Time.GetUtcNow().UtcDateTime;
        var message = CourierTestServer.Stub(to) with
        {
            Id = Guid.NewGuid(),
            CreatedAt = new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc),
            UpdatedAt = new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc),
        };
        // As a worker that claimed the message and died mid-send leaves it: processing, leased for two minutes, one attempt counted.
        await database.InTransactionAsync(async (connection, tx) =>
        {
            await store.InsertAsync(message, connection, tx, TestContext.Current.CancellationToken);
            await using var command = Database.Command(connection,
                "UPDATE courier_messages SET status = 'processing', claim_id = @claim, due_at = @lease, send_count = 1 WHERE id = @id", tx);
            database.Dialect.AddUuid(command, "claim", Guid.NewGuid());
            database.Dialect.AddTime(command, "lease", message.CreatedAt + Dispatcher.Lease);
            database.Dialect.AddUuid(command, "id", message.Id);
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            return true;
        }, TestContext.Current.CancellationToken);

        // While the lease holds, no other worker touches it.
        for (var i = 0; i < 30; i++)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var held = await Server.MessageAsync(message.Id);
        Assert.Equal("processing", held.Status());
        Assert.DoesNotContain(to, fixture.Smtp.Attempts);

        var sent = await Server.UntilAsync(message.Id, m => m.Status() == "sent", fixture.Time, TimeSpan.FromSeconds(5));
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Single(fixture.Smtp.For(to));
        Assert.Equal(2, sent.SendCount());
        Assert.Equal("success", Assert.Single(sent.Dispatches())!["status"]!.GetValue<string>());
    }
}

public sealed class CourierDeliveryTests_Sqlite(SqliteCourierFixture fixture) : CourierDeliveryTests(fixture), IClassFixture<SqliteCourierFixture>;

public sealed class CourierDeliveryTests_Postgres(PostgresCourierFixture fixture) : CourierDeliveryTests(fixture), IClassFixture<PostgresCourierFixture>;
