using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Flows.Verification.VerificationHttp;

namespace Tessera.Tests.Flows.Verification;

/// <summary>Verification by code for native (api) clients, as FLOWS.md §9.2 gives it, on SQLite and PostgreSQL.</summary>
public abstract class NativeVerificationTests(CodeFlowServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    SmtpSink Smtp => fixture.Smtp;

    static string Id(JsonNode flow) => flow["id"]!.GetValue<string>();

    [Fact]
    public async Task The_api_flow_asks_for_the_email_with_the_code_method()
    {
        var flow = await Server.NativeVerificationFlowAsync();

        Assert.Equal(("api", "choose_method", "code"), (flow["type"]!.GetValue<string>(), flow["state"]!.GetValue<string>(), flow["active"]!.GetValue<string>()));
        Assert.Equal(new Uri(Server.PublicUrl, $"self-service/verification?flow={Id(flow)}").ToString(), flow["ui"]!["action"]!.GetValue<string>());
        var names = flow["ui"]!["nodes"]!.AsArray().Select(n => $"{n!["group"]}:{n["attributes"]!["name"]}:{n["attributes"]!["type"]}").ToArray();
        Assert.Equal(["default:csrf_token:hidden", "code:email:email", "code:method:submit"], names);
        Assert.Equal(1070007, Node(flow, "email")!["meta"]!["label"]!["id"]!.GetValue<long>());

        var (status, again, _) = await Server.SendAsync(HttpMethod.Get, $"/self-service/verification/flows?id={Id(flow)}", null);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Id(flow), Id(again!));
    }

    [Fact]
    public async Task A_code_verifies_the_address_and_ends_the_flow()
    {
        var (email, id) = await Server.CreateUserAsync();
        var flow = await Server.NativeVerificationFlowAsync();

        var (sent, sentBody, _) = await Server.SubmitVerificationAsync(Id(flow), Email(email));
        Assert.Equal(HttpStatusCode.OK, sent);
        Assert.Equal("sent_email", sentBody!["state"]!.GetValue<string>());
        Assert.Equal([1080003], GlobalMessageIds(sentBody));
        var names = sentBody["ui"]!["nodes"]!.AsArray().Select(n => $"{n!["attributes"]!["name"]}:{n["attributes"]!["type"]}").ToArray();
        Assert.Equal(["method:hidden", "code:text", "method:submit", "email:submit"], names);
        Assert.Equal(1070011, Node(sentBody, "code")!["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.Equal("sent", (await Server.AddressAsync(id))["status"]!.GetValue<string>());

        var mail = await Smtp.MailAsync(email);
        var code = CodeMail.Code(mail);
        Assert.Equal($"Use code {code} to verify your account", mail.Message.Subject);
        Assert.Equal(new Uri(Server.PublicUrl, "self-service/verification") + $"?code={code}&flow={Id(flow)}", CodeMail.Link(mail));

        var (status, body, _) = await Server.SubmitVerificationAsync(Id(flow), Code(code));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("passed_challenge", body!["state"]!.GetValue<string>());
        var welcome = CodeFlowServerFixture.Ui + "welcome";
        Assert.Equal(("GET", welcome), (body["ui"]!["method"]!.GetValue<string>(), body["ui"]!["action"]!.GetValue<string>()));
        Assert.Equal("""[{"id":1080002,"text":"You successfully verified your email address.","type":"success"}]""", body["ui"]!["messages"]!.ToJsonString());
        var anchor = body["ui"]!["nodes"]!.AsArray().Single()!;
        Assert.Equal(("a", "code", "continue", welcome), (anchor["type"]!.GetValue<string>(), anchor["group"]!.GetValue<string>(),
            anchor["attributes"]!["id"]!.GetValue<string>(), anchor["attributes"]!["href"]!.GetValue<string>()));
        Assert.Equal(1070009, anchor["attributes"]!["title"]!["id"]!.GetValue<long>());

        var address = await Server.AddressAsync(id);
        Assert.True(address["verified"]!.GetValue<bool>());
        Assert.Equal("completed", address["status"]!.GetValue<string>());
        Assert.Equal(fixture.Time.GetUtcNow(), DateTimeOffset.Parse(address["verified_at"]!.GetValue<string>()));

        // The flow is done: submitting again replaces it (410 with the new flow's id, which carries 4070002).
        var (again, againBody, _) = await Server.SubmitVerificationAsync(Id(flow), Code(code));
        Assert.Equal(HttpStatusCode.Gone, again);
        Assert.Equal("self_service_flow_replaced", ErrorId(againBody));
        var (_, replacement, _) = await Server.SendAsync(HttpMethod.Get, $"/self-service/verification/flows?id={againBody!["use_flow_id"]}", null);
        Assert.Equal([4070002], GlobalMessageIds(replacement!));
    }

    [Fact]
    public async Task Wrong_codes_are_4070006_until_the_limit_then_the_flow_is_replaced()
    {
        var (email, id) = await Server.CreateUserAsync();
        var flow = await Server.NativeVerificationFlowAsync();
        await Server.SubmitVerificationAsync(Id(flow), Email(email));
        var code = CodeMail.Code(await Smtp.MailAsync(email));
        var wrong = ((int.Parse(code) + 1) % 1_000_000).ToString("D6");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var (status, body, _) = await Server.SubmitVerificationAsync(Id(flow), Code(wrong));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("""[{"id":4070006,"text":"The verification code is invalid or has already been used. Please try again.","type":"error"}]""",
                body!["ui"]!["messages"]!.ToJsonString());
        }

        var (refused, refusedBody, _) = await Server.SubmitVerificationAsync(Id(flow), Code(code));
        Assert.Equal(HttpStatusCode.Gone, refused);
        Assert.Equal("self_service_flow_replaced", ErrorId(refusedBody));
        var (_, replacement, _) = await Server.SendAsync(HttpMethod.Get, $"/self-service/verification/flows?id={refusedBody!["use_flow_id"]}", null);
        Assert.Equal([4000001], GlobalMessageIds(replacement!));
        Assert.Equal("The request was submitted too often. Please request another code.", replacement!["ui"]!["messages"]![0]!["text"]!.GetValue<string>());
        Assert.False((await Server.AddressAsync(id))["verified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_and_nothing_is_sent()
    {
        var (known, _) = await Server.CreateUserAsync();
        var unknown = HttpJson.Unique("nobody");
        var (_, knownBody, _) = await Server.SubmitVerificationAsync(Id(await Server.NativeVerificationFlowAsync()), Email(known));
        var (status, unknownBody, _) = await Server.SubmitVerificationAsync(Id(await Server.NativeVerificationFlowAsync()), Email(unknown));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Recovery.RecoveryHttp.Shape(knownBody!), Recovery.RecoveryHttp.Shape(unknownBody!));
        await Smtp.MailAsync(known);
        var (_, messages, _) = await Server.Admin.GetJsonAsync("/admin/courier/messages?recipient=" + Uri.EscapeDataString(unknown));
        Assert.Empty(messages!.AsArray());
    }

    [Fact]
    public async Task Missing_input_is_400_and_expiry_is_4070006_for_codes_and_4070005_for_flows()
    {
        var flow = await Server.NativeVerificationFlowAsync();
        var (missing, missingBody, _) = await Server.SubmitVerificationAsync(Id(flow), new JsonObject { ["method"] = "code" });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal([4000002], NodeMessageIds(missingBody!, "email"));
        var (unknown, unknownBody, _) = await Server.SubmitVerificationAsync(Id(flow), new JsonObject { ["method"] = "link", ["email"] = "a@example.com" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Equal([4010006], GlobalMessageIds(unknownBody!));

        var (email, _) = await Server.CreateUserAsync();
        await Server.SubmitVerificationAsync(Id(flow), Email(email));
        var code = CodeMail.Code(await Smtp.MailAsync(email));
        fixture.Time.Advance(CodeFlowServerFixture.CodeLifespan + TimeSpan.FromSeconds(1));
        var (late, lateBody, _) = await Server.SubmitVerificationAsync(Id(flow), Code(code));
        Assert.Equal(HttpStatusCode.OK, late);
        Assert.Equal([4070006], GlobalMessageIds(lateBody!));

        fixture.Time.Advance(CodeFlowServerFixture.FlowLifespan);
        var (expired, _, response) = await Server.SubmitVerificationAsync(Id(flow), Code(code));
        Assert.Equal(HttpStatusCode.SeeOther, expired);
        Assert.StartsWith(new Uri(Server.PublicUrl, "self-service/verification/flows?id=").AbsoluteUri, response.Headers.Location!.ToString());
        var (_, replacement, _) = await Server.Public.GetJsonAsync(response.Headers.Location!.ToString());
        Assert.Equal([4070005], GlobalMessageIds(replacement!));
    }

    [Fact]
    public async Task A_phone_number_gets_its_code_by_sms()
    {
        await using var sms = HttpSink.Start();
        var server = await fixture.StartAnotherAsync(c =>
        {
            c["identity"]!["schemas"]!.AsArray().Add(new JsonObject
            {
                ["id"] = "phone", ["url"] = "file://" + TesseraServer.FixturePath("kratos", "identity.phone-password.schema.json"),
            });
            c["courier"]!["channels"] = new JsonArray(new JsonObject
            {
                ["id"] = "sms", ["type"] = "http", ["request_config"] = new JsonObject { ["url"] = sms.Url + "sms", ["method"] = "POST" },
            });
        });
        var created = await server.CreateIdentityAsync(new JsonObject
        {
            ["schema_id"] = "phone",
            ["traits"] = new JsonObject { ["email"] = HttpJson.Unique("phone"), ["phone"] = "+49 151 12345678" },
        });
        var flow = await server.NativeVerificationFlowAsync();
        // With an SMS channel the address input takes phone numbers too.
        Assert.Equal(("text", 1070018L), (Node(flow, "email")!["attributes"]!["type"]!.GetValue<string>(), Node(flow, "email")!["meta"]!["label"]!["id"]!.GetValue<long>()));

        var (sent, sentBody, _) = await server.SubmitVerificationAsync(Id(flow), Email("+4915112345678"));
        Assert.Equal(HttpStatusCode.OK, sent);
        Assert.Equal([1080004], GlobalMessageIds(sentBody!));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sms.Received.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }

        var delivered = JsonNode.Parse(sms.Received.Single().Body)!;
        Assert.Equal(("+4915112345678", "verification_code_valid"), (delivered["recipient"]!.GetValue<string>(), delivered["template_type"]!.GetValue<string>()));
        var code = delivered["verification_code"]!.GetValue<string>();
        Assert.StartsWith($"Your verification code is: {code}", delivered["body"]!.GetValue<string>());

        var (status, body, _) = await server.SubmitVerificationAsync(Id(flow), Code(code));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([1080005], GlobalMessageIds(body!));
        var phone = (await server.Admin.GetJsonAsync($"/admin/identities/{created["id"]}")).Body!["verifiable_addresses"]!.AsArray()
            .Single(a => a!["via"]!.GetValue<string>() == "sms")!;
        Assert.True(phone["verified"]!.GetValue<bool>());
    }
}

public sealed class NativeVerificationTests_Sqlite(SqliteCodeFlowServerFixture fixture) : NativeVerificationTests(fixture), IClassFixture<SqliteCodeFlowServerFixture>;

public sealed class NativeVerificationTests_Postgres(PostgresCodeFlowServerFixture fixture) : NativeVerificationTests(fixture), IClassFixture<PostgresCodeFlowServerFixture>;
