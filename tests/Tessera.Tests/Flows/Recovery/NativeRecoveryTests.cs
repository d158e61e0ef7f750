using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Recovery.RecoveryHttp;
using static Tessera.Tests.Flows.Settings.SettingsHttp;

namespace Tessera.Tests.Flows.Recovery;

/// <summary>Recovery by code for native (api) clients, as FLOWS.md §8.1 gives it, on SQLite and PostgreSQL.</summary>
public abstract class NativeRecoveryTests(CodeFlowServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    SmtpSink Smtp => fixture.Smtp;

    [Fact]
    public async Task The_api_flow_asks_for_the_email_with_the_code_method()
    {
        var flow = await Server.NativeRecoveryFlowAsync();

        Assert.Equal("api", flow["type"]!.GetValue<string>());
        Assert.Equal("choose_method", flow["state"]!.GetValue<string>());
        Assert.Equal("code", flow["active"]!.GetValue<string>());
        Assert.Equal(new Uri(Server.PublicUrl, "self-service/recovery/api").ToString(), flow["request_url"]!.GetValue<string>());
        Assert.Equal(new Uri(Server.PublicUrl, $"self-service/recovery?flow={flow["id"]}").ToString(), flow["ui"]!["action"]!.GetValue<string>());
        var names = flow["ui"]!["nodes"]!.AsArray().Select(n => $"{n!["group"]}:{n["attributes"]!["name"]}:{n["attributes"]!["type"]}").ToArray();
        Assert.Equal(["default:csrf_token:hidden", "code:email:email", "code:method:submit"], names);
        Assert.Equal("""{"id":1070007,"text":"Email","type":"info"}""", Node(flow, "email")!["meta"]!["label"]!.ToJsonString());
        Assert.True(Node(flow, "email")!["attributes"]!["required"]!.GetValue<bool>());
        Assert.Equal("""{"id":1070009,"text":"Continue","type":"info"}""", Node(flow, "method")!["meta"]!["label"]!.ToJsonString());

        var (status, again, _) = await Server.SendAsync(HttpMethod.Get, $"/self-service/recovery/flows?id={flow["id"]}", null);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(flow["id"]!.GetValue<string>(), again!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_code_recovers_the_account_with_a_privileged_session_and_a_settings_flow()
    {
        var (email, id) = await Server.CreateUserAsync();
        var flow = await Server.NativeRecoveryFlowAsync();

        var (sent, sentBody, _) = await Server.SubmitRecoveryAsync(flow, Email(email));
        Assert.Equal(HttpStatusCode.OK, sent);
        Assert.Equal("sent_email", sentBody!["state"]!.GetValue<string>());
        Assert.Equal([1060003], GlobalMessageIds(sentBody));
        var names = sentBody["ui"]!["nodes"]!.AsArray().Select(n => $"{n!["attributes"]!["name"]}:{n["attributes"]!["type"]}").ToArray();
        Assert.Equal(["csrf_token:hidden", "code:text", "method:hidden", "method:submit", "email:submit"], names);
        var codeNode = Node(sentBody, "code")!["attributes"]!;
        Assert.Equal(("[0-9]+", 6, "one-time-code"), (codeNode["pattern"]!.GetValue<string>(), codeNode["maxlength"]!.GetValue<int>(),
            codeNode["autocomplete"]!.GetValue<string>()));
        Assert.Equal(1070010, Node(sentBody, "code")!["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.Equal(1070008, Node(sentBody, "email")!["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.Equal(email, Node(sentBody, "email")!["attributes"]!["value"]!.GetValue<string>());

        var mail = await Smtp.MailAsync(email);
        var code = CodeMail.Code(mail);
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal($"Use code {code} to recover access to your account", mail.Message.Subject);
        Assert.Contains("expires in 10 minutes", mail.Message.TextBody);
        var queued = (await Server.MessagesAsync(email)).Single()!;
        Assert.Equal("recovery_code_valid", queued["template_type"]!.GetValue<string>());

        var (status, body, _) = await Server.SubmitRecoveryAsync(flow, Code(code));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("passed_challenge", body!["state"]!.GetValue<string>());
        var continueWith = body["continue_with"]!.AsArray();
        Assert.Equal(["set_ory_session_token", "show_settings_ui"], continueWith.Select(c => c!["action"]!.GetValue<string>()));
        var token = continueWith[0]!["ory_session_token"]!.GetValue<string>();
        var settingsId = continueWith[1]!["flow"]!["id"]!.GetValue<string>();
        Assert.Equal(CodeFlowServerFixture.Ui + "settings?flow=" + settingsId, continueWith[1]!["flow"]!["url"]!.GetValue<string>());

        var (whoami, session, _) = await Server.SendAsync(HttpMethod.Get, "/sessions/whoami", token);
        Assert.Equal(HttpStatusCode.OK, whoami);
        Assert.Equal(id, session!["identity"]!["id"]!.GetValue<string>());
        Assert.Equal("code_recovery", session["authentication_methods"]![0]!["method"]!.GetValue<string>());
        Assert.Equal("aal1", session["authenticator_assurance_level"]!.GetValue<string>());

        var (settingsStatus, settings, _) = await Server.SendAsync(HttpMethod.Get, $"/self-service/settings/flows?id={settingsId}", token);
        Assert.Equal(HttpStatusCode.OK, settingsStatus);
        var message = settings!["ui"]!["messages"]!.AsArray().Single()!;
        Assert.Equal(1060001, message["id"]!.GetValue<long>());
        Assert.Equal("success", message["type"]!.GetValue<string>());
        Assert.Contains("within the next 15.00 minutes", message["text"]!.GetValue<string>());
        Assert.NotNull(message["context"]!["privileged_session_expires_at"]);

        // The session is privileged: the password changes without logging in again, and logs in.
        var (changed, _, _) = await Server.SubmitAsync(settings, token, PasswordBody(NewPassword));
        Assert.Equal(HttpStatusCode.OK, changed);
        Assert.Equal(HttpStatusCode.OK, (await Server.NativeLoginAsync(email, NewPassword)).Status);

        // The address the code went to is now verified.
        var address = (await Server.IdentityAsync(id))["verifiable_addresses"]![0]!;
        Assert.True(address["verified"]!.GetValue<bool>());
        Assert.Equal("completed", address["status"]!.GetValue<string>());
        Assert.NotNull(address["verified_at"]);
    }

    [Fact]
    public async Task Recovery_revokes_the_other_sessions()
    {
        var (email, _) = await Server.CreateUserAsync();
        var before = await Server.NativeTokenAsync(email);
        var flow = await Server.NativeRecoveryFlowAsync();
        await Server.SubmitRecoveryAsync(flow, Email(email));
        var (status, body, _) = await Server.SubmitRecoveryAsync(flow, Code(CodeMail.Code(await Smtp.MailAsync(email))));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.Unauthorized, await Server.WhoamiAsync(before));
        Assert.Equal(HttpStatusCode.OK, await Server.WhoamiAsync(body!["continue_with"]![0]!["ory_session_token"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_and_no_message()
    {
        var (known, _) = await Server.CreateUserAsync();
        var unknown = HttpJson.Unique("nobody");
        var knownFlow = await Server.NativeRecoveryFlowAsync();
        var unknownFlow = await Server.NativeRecoveryFlowAsync();

        var (knownStatus, knownBody, _) = await Server.SubmitRecoveryAsync(knownFlow, Email(known));
        var (unknownStatus, unknownBody, _) = await Server.SubmitRecoveryAsync(unknownFlow, Email(unknown));

        Assert.Equal(knownStatus, unknownStatus);
        Assert.Equal(Shape(knownBody!), Shape(unknownBody!));
        Assert.Equal(unknown, Node(unknownBody!, "email")!["attributes"]!["value"]!.GetValue<string>());
        // notify_unknown_recipients is false by default (as in Kratos): nothing is queued for the unknown address.
        await Smtp.MailAsync(known);
        Assert.Empty(await Server.MessagesAsync(unknown));

        // And no code works on its flow.
        var (status, body, _) = await Server.SubmitRecoveryAsync(unknownFlow, Code("000000"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([4060006], GlobalMessageIds(body!));
    }

    [Fact]
    public async Task Bad_input_is_a_400_on_the_email_node_and_an_unknown_method_is_4010005()
    {
        var flow = await Server.NativeRecoveryFlowAsync();

        var (missing, missingBody, _) = await Server.SubmitRecoveryAsync(flow, new JsonObject { ["method"] = "code" });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal([4000002], NodeMessageIds(missingBody!, "email"));
        Assert.Equal("choose_method", missingBody!["state"]!.GetValue<string>());

        var (malformed, malformedBody, _) = await Server.SubmitRecoveryAsync(flow, Email("not-an-address"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed);
        Assert.Equal([4000040], NodeMessageIds(malformedBody!, "email"));
        Assert.Equal("not-an-address", Node(malformedBody!, "email")!["attributes"]!["value"]!.GetValue<string>());

        var (typed, typedBody, _) = await Server.SubmitRecoveryAsync(flow, new JsonObject { ["method"] = "code", ["email"] = 42 });
        Assert.Equal(HttpStatusCode.BadRequest, typed);
        Assert.Equal([4000026], NodeMessageIds(typedBody!, "email"));

        var (unknown, unknownBody, _) = await Server.SubmitRecoveryAsync(flow, new JsonObject { ["method"] = "magic", ["email"] = "a@example.com" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Equal([4010005], GlobalMessageIds(unknownBody!));

        var (notJson, notJsonBody, _) = await Server.Public.SendAsync(HttpMethod.Post, $"/self-service/recovery?flow={flow["id"]}", JsonValue.Create("text"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson);
        Assert.Equal(400, notJsonBody!["error"]!["code"]!.GetValue<int>());

        var (unknownFlow, unknownFlowBody, _) = await Server.SendAsync(HttpMethod.Post, $"/self-service/recovery?flow={Guid.NewGuid()}", null, Email("a@example.com"));
        Assert.Equal(HttpStatusCode.NotFound, unknownFlow);
        Assert.Equal(404, unknownFlowBody!["error"]!["code"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.SendAsync(HttpMethod.Post, "/self-service/recovery?flow=nope", null, Email("a@example.com"))).Status);
    }

    [Fact]
    public async Task A_logged_in_user_cannot_start_recovery()
    {
        var (email, _) = await Server.CreateUserAsync();
        var token = await Server.NativeTokenAsync(email);

        var (status, body, _) = await Server.SendAsync(HttpMethod.Get, "/self-service/recovery/api", token);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("session_already_available", ErrorId(body));

        var flow = await Server.NativeRecoveryFlowAsync();
        var (submit, submitBody, _) = await Server.SubmitRecoveryAsync(flow, Email(email), token);
        Assert.Equal(HttpStatusCode.BadRequest, submit);
        Assert.Equal("session_already_available", ErrorId(submitBody));
    }

    [Fact]
    public async Task Five_wrong_codes_use_up_the_flow_and_then_even_the_right_code_is_refused()
    {
        var (email, id) = await Server.CreateUserAsync();
        var flow = await Server.NativeRecoveryFlowAsync();
        await Server.SubmitRecoveryAsync(flow, Email(email));
        var code = CodeMail.Code(await Smtp.MailAsync(email));
        var wrong = ((int.Parse(code) + 1) % 1_000_000).ToString("D6");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var (status, body, _) = await Server.SubmitRecoveryAsync(flow, Code(wrong));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("sent_email", body!["state"]!.GetValue<string>());
            Assert.Equal("""[{"id":4060006,"text":"The recovery code is invalid or has already been used. Please try again.","type":"error"}]""",
                body["ui"]!["messages"]!.ToJsonString());
        }

        // The sixth submission is over the limit: a new flow carries 4000001 and the right code no longer works here.
        var (refused, refusedBody, _) = await Server.SubmitRecoveryAsync(flow, Code(code));
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("The request was submitted too often. Please request another code.", refusedBody!["error"]!["reason"]!.GetValue<string>());
        var next = refusedBody["error"]!["details"]!["continue_with"]![0]!;
        Assert.Equal("show_recovery_ui", next["action"]!.GetValue<string>());
        var (_, replacement, _) = await Server.SendAsync(HttpMethod.Get, $"/self-service/recovery/flows?id={next["flow"]!["id"]}", null);
        Assert.Equal([4000001], GlobalMessageIds(replacement!));
        Assert.Equal("choose_method", replacement!["state"]!.GetValue<string>());

        var (again, _, _) = await Server.SubmitRecoveryAsync(flow, Code(code));
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.False((await Server.IdentityAsync(id))["verifiable_addresses"]![0]!["verified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_code_is_used_once_and_a_resend_voids_the_earlier_one()
    {
        var (email, _) = await Server.CreateUserAsync();
        var flow = await Server.NativeRecoveryFlowAsync();
        await Server.SubmitRecoveryAsync(flow, Email(email));
        var first = CodeMail.Code(await Smtp.MailAsync(email, 0));
        await Server.SubmitRecoveryAsync(flow, Email(email));
        var second = CodeMail.Code(await Smtp.MailAsync(email, 1));

        if (first != second)
        {
            var (status, body, _) = await Server.SubmitRecoveryAsync(flow, Code(first));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal([4060006], GlobalMessageIds(body!));
        }

        var (ok, okBody, _) = await Server.SubmitRecoveryAsync(flow, Code(second));
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal("passed_challenge", okBody!["state"]!.GetValue<string>());

        // The flow is done: submitting to it again starts a new flow with 4060001.
        var (reused, reusedBody, _) = await Server.SubmitRecoveryAsync(flow, Code(second));
        Assert.Equal(HttpStatusCode.BadRequest, reused);
        var replacementId = reusedBody!["error"]!["details"]!["continue_with"]![0]!["flow"]!["id"]!.GetValue<string>();
        var (_, replacement, _) = await Server.SendAsync(HttpMethod.Get, $"/self-service/recovery/flows?id={replacementId}", null);
        Assert.Equal([4060001], GlobalMessageIds(replacement!));
    }

    [Fact]
    public async Task An_expired_code_is_refused_with_4060006_and_an_expired_flow_is_replaced_with_4060005()
    {
        var (email, _) = await Server.CreateUserAsync();
        var flow = await Server.NativeRecoveryFlowAsync();
        await Server.SubmitRecoveryAsync(flow, Email(email));
        var code = CodeMail.Code(await Smtp.MailAsync(email));

        fixture.Time.Advance(CodeFlowServerFixture.CodeLifespan + TimeSpan.FromSeconds(1));
        var (status, body, _) = await Server.SubmitRecoveryAsync(flow, Code(code));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([4060006], GlobalMessageIds(body!));

        fixture.Time.Advance(CodeFlowServerFixture.FlowLifespan);
        var (expired, expiredBody, response) = await Server.SubmitRecoveryAsync(flow, Code(code));
        Assert.Equal(HttpStatusCode.Gone, expired);
        Assert.Equal("self_service_flow_expired", ErrorId(expiredBody));
        Assert.Equal("self_service_flow_expired", response.Headers.GetValues("Ory-Error-Id").Single());
        var useFlowId = expiredBody!["use_flow_id"]!.GetValue<string>();
        Assert.Equal(useFlowId, expiredBody["error"]!["details"]!["continue_with"]![0]!["flow"]!["id"]!.GetValue<string>());
        var (_, replacement, _) = await Server.SendAsync(HttpMethod.Get, $"/self-service/recovery/flows?id={useFlowId}", null);
        var message = replacement!["ui"]!["messages"]![0]!;
        Assert.Equal(4060005, message["id"]!.GetValue<long>());
        Assert.StartsWith("The recovery flow expired ", message["text"]!.GetValue<string>());
        Assert.Equal("api", replacement["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Concurrent_guesses_are_counted_one_by_one()
    {
        var (email, _) = await Server.CreateUserAsync();
        var flow = await Server.NativeRecoveryFlowAsync();
        await Server.SubmitRecoveryAsync(flow, Email(email));
        var code = CodeMail.Code(await Smtp.MailAsync(email));
        var wrong = ((int.Parse(code) + 1) % 1_000_000).ToString("D6");

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Server.SubmitRecoveryAsync(flow, Code(wrong))));

        // Exactly max_submissions (5) guesses are looked at; every other one is refused without being checked.
        Assert.Equal(5, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.Equal(7, answers.Count(a => a.Status == HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.SubmitRecoveryAsync(flow, Code(code))).Status);
    }

    [Fact]
    public async Task A_disabled_identity_is_not_logged_in_by_a_code()
    {
        var email = HttpJson.Unique("disabled");
        await Server.CreateIdentityAsync(new JsonObject { ["traits"] = new JsonObject { ["email"] = email }, ["state"] = "inactive" });
        var flow = await Server.NativeRecoveryFlowAsync();
        await Server.SubmitRecoveryAsync(flow, Email(email));

        var (status, body, _) = await Server.SubmitRecoveryAsync(flow, Code(CodeMail.Code(await Smtp.MailAsync(email))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var replacementId = body!["error"]!["details"]!["continue_with"]![0]!["flow"]!["id"]!.GetValue<string>();
        var (_, replacement, _) = await Server.SendAsync(HttpMethod.Get, $"/self-service/recovery/flows?id={replacementId}", null);
        Assert.Equal([4010011], GlobalMessageIds(replacement!));
    }
}

public sealed class NativeRecoveryTests_Sqlite(SqliteCodeFlowServerFixture fixture) : NativeRecoveryTests(fixture), IClassFixture<SqliteCodeFlowServerFixture>;

public sealed class NativeRecoveryTests_Postgres(PostgresCodeFlowServerFixture fixture) : NativeRecoveryTests(fixture), IClassFixture<PostgresCodeFlowServerFixture>;
