using System.Text;
using System.Text.Json.Nodes;
using Tessera.Courier;
using Tessera.Tests.Infrastructure;
using Xunit;

namespace Tessera.Tests.Courier;

/// <summary>
/// Custom Jsonnet bodies (<c>request_config.body</c>) on HTTP channels: evaluated with Kratos's <c>ctx</c> and posted to a
/// real HTTP listener, as JSON or as form fields; a template that raises an error abandons the message unsent.
/// </summary>
public abstract class HttpBodyTemplateTests(CourierFixture fixture)
{
    const string JsonBody = """
        function(ctx) {
          to: ctx.recipient,
          text: ctx.body,
          kind: ctx.message_type,
          type: ctx.template_type,
          code: if 'verification_code' in ctx.template_data then ctx.template_data.verification_code else null,
          shout: std.asciiUpper(ctx.body),
        }
        """;

    // Twilio's Messages API takes form fields.
    const string FormBody = "function(ctx) { To: ctx.recipient, Body: ctx.body, From: '+15550000', MissingIsEmpty: null }";

    const string RefusingBody = """
        function(ctx)
          if std.startsWith(ctx.recipient, '+1555') then { to: ctx.recipient }
          else error 'only +1555 numbers may be texted, not ' + ctx.recipient
        """;

    Task<TesseraServer> StartAsync() => fixture.StartAnotherAsync(c => c["courier"]!["channels"] = new JsonArray(
        Channel("sms", "json", JsonBody),
        Channel("form", "form", FormBody, new JsonObject { ["Content-Type"] = "application/x-www-form-urlencoded" }),
        Channel("guarded", "guarded", RefusingBody)));

    JsonObject Channel(string id, string path, string body, JsonObject? headers = null) => new()
    {
        ["id"] = id,
        ["type"] = "http",
        ["request_config"] = new JsonObject
        {
            ["url"] = fixture.Http.Url + path,
            ["body"] = "base64://" + Convert.ToBase64String(Encoding.UTF8.GetBytes(body)),
            ["headers"] = headers ?? new JsonObject(),
        },
    };

    static string Phone() => "+1555" + Random.Shared.Next(1000000, 9999999);

    [Fact]
    public async Task A_custom_json_body_is_the_template_evaluated_with_ctx()
    {
        var server = await StartAsync();
        var phone = Phone();
        var id = await server.EnqueueAsync(CourierMessage.Sms(phone, "Your code is 424242", "verification_code_valid",
            new JsonObject { ["to"] = phone, ["verification_code"] = "424242" }));

        var request = await fixture.Http.WaitForAsync(r => r.Path == "/json" && r.Body.Contains(phone, StringComparison.Ordinal));
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        var expected = new JsonObject
        {
            ["code"] = "424242",
            ["kind"] = "sms",
            ["shout"] = "YOUR CODE IS 424242",
            ["text"] = "Your code is 424242",
            ["to"] = phone,
            ["type"] = "verification_code_valid",
        };
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(request.Body)), request.Body);
        Assert.Equal("sent", (await server.UntilAsync(id, m => m.Status() == "sent")).Status());
    }

    [Fact]
    public async Task A_form_encoded_body_sends_the_templates_flat_object_as_fields()
    {
        var server = await StartAsync();
        var phone = Phone();
        var id = await server.EnqueueAsync(CourierMessage.Sms(phone, "Code: 1 & 2", "login_code_valid") with { Channel = "form" });

        var request = await fixture.Http.WaitForAsync(r => r.Path == "/form" && r.Body.Contains(Uri.EscapeDataString(phone), StringComparison.Ordinal));
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"]);
        Assert.Equal($"Body=Code%3A+1+%26+2&From=%2B15550000&MissingIsEmpty=&To={Uri.EscapeDataString(phone)}", request.Body);
        Assert.Equal("sent", (await server.UntilAsync(id, m => m.Status() == "sent")).Status());
    }

    [Fact]
    public async Task A_template_error_abandons_the_message_at_once_without_sending()
    {
        var server = await StartAsync();
        var allowed = Phone();
        await server.EnqueueAsync(CourierMessage.Sms(allowed, "ok", "login_code_valid") with { Channel = "guarded" });
        await fixture.Http.WaitForAsync(r => r.Path == "/guarded" && r.Body.Contains(allowed, StringComparison.Ordinal));

        var refused = "+44" + Random.Shared.Next(1000000, 9999999);
        var id = await server.EnqueueAsync(CourierMessage.Sms(refused, "no", "login_code_valid") with { Channel = "guarded" });

        var message = await server.UntilAsync(id, m => m.Status() == "abandoned");
        var dispatch = Assert.Single(message.Dispatches())!;
        Assert.Equal("failed", dispatch["status"]!.GetValue<string>());
        Assert.Equal("failed to render the HTTP request body", dispatch["error"]!["reason"]!.GetValue<string>());
        // The template's error text quotes ctx (here the number), so it is not kept.
        Assert.Equal("the body template raised an error", dispatch["error"]!["message"]!.GetValue<string>());
        Assert.DoesNotContain(refused, dispatch.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Http.Received, r => r.Body.Contains(refused, StringComparison.Ordinal));
    }
}

public sealed class HttpBodyTemplateTests_Sqlite(SqliteCourierFixture fixture) : HttpBodyTemplateTests(fixture), IClassFixture<SqliteCourierFixture>;

public sealed class HttpBodyTemplateTests_Postgres(PostgresCourierFixture fixture) : HttpBodyTemplateTests(fixture), IClassFixture<PostgresCourierFixture>;
