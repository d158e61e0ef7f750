using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows;
using Tessera.Tests.Flows.Recovery;
using Tessera.Tests.Flows.Verification;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Hooks.WebHookHttp;

namespace Tessera.Tests.Hooks;

/// <summary>
/// The <c>web_hook</c> hook through the real surface (API.md §12.2–12.6): a Tessera on loopback calls a real receiver
/// before and after the self-service flows; the receiver's answers veto, change or fail them. On SQLite and PostgreSQL.
/// </summary>
public abstract class WebHookTests
{
    private protected abstract Task<TestDatabase?> DatabaseAsync();

    async Task<TesseraServer> StartAsync(Action<JsonObject> configure, TimeSpan? timeout = null, Action<JsonObject>? baseConfig = null)
    {
        var database = await DatabaseAsync();
        if (database is null)
        {
            Assert.Skip(TestDatabase.PostgresUnavailableReason() ?? "no database");
        }

        return await WebHookHttp.StartAsync(database!, configure, timeout, baseConfig);
    }

    static async Task<(HttpStatusCode Status, JsonNode? Body)> RegisterAsync(TesseraServer server, string email) =>
        await VerificationHttp.RegisterAsync(server, email);

    static Guid RequestId(HookCall call, string header) => Guid.Parse(call.Header(header)!);

    [Fact]
    public async Task After_registration_hooks_send_api_keys_basic_auth_and_the_webhook_ids_and_no_body_without_a_template()
    {
        await using var receiver = WebHookReceiver.Start();
        await using var server = await StartAsync(c => SetHooks(c, "registration", "after.password",
            WebHook(receiver.At("api-key"), """{"headers":{"X-Custom":"custom value"},"auth":{"type":"api_key","config":{"name":"X-Api-Key","value":"k3y","in":"header"}}}"""),
            WebHook(receiver.At("cookie"), """{"method":"PUT","auth":{"type":"api_key","config":{"name":"hook_key","value":"c00kie","in":"cookie"}}}"""),
            WebHook(receiver.At("basic"), """{"auth":{"type":"basic_auth","config":{"user":"ada","password":"s3cret"}}}"""),
            WebHook(receiver.At("quiet"), """{"emit_analytics_event":false}"""),
            SessionHook()));

        var (status, body) = await RegisterAsync(server, HttpJson.Unique("hooked"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(body!["session_token"]);
        var apiKey = Assert.Single(receiver.CallsTo("api-key"));
        Assert.Equal(("POST", "k3y", "custom value", ""), (apiKey.Method, apiKey.Header("X-Api-Key"), apiKey.Header("X-Custom"), apiKey.Body));
        // Each call has its own trigger id; the request id is per attempt.
        Assert.NotEqual(RequestId(apiKey, "Ory-Webhook-Request-ID"), RequestId(apiKey, "Ory-Webhook-Trigger-ID"));
        var cookie = Assert.Single(receiver.CallsTo("cookie"));
        Assert.Equal(("PUT", "hook_key=c00kie"), (cookie.Method, cookie.Header("Cookie")));
        Assert.NotEqual(RequestId(apiKey, "Ory-Webhook-Trigger-ID"), RequestId(cookie, "Ory-Webhook-Trigger-ID"));
        var basic = Assert.Single(receiver.CallsTo("basic"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ada:s3cret")), basic.Header("Authorization"));
        // Kratos sets the webhook ids only where it emits analytics events.
        var quiet = Assert.Single(receiver.CallsTo("quiet"));
        Assert.Null(quiet.Header("Ory-Webhook-Trigger-ID"));
    }

    [Fact]
    public async Task A_before_login_hook_runs_when_the_flow_is_made_and_its_failure_stops_it()
    {
        await using var receiver = WebHookReceiver.Start();
        await using var server = await StartAsync(c => SetHooks(c, "login", "before", WebHook(receiver.At("before-login"), """{"method":"GET"}""")));

        var (status, flow, _) = await server.Public.GetJsonAsync("/self-service/login/api");
        Assert.Equal(HttpStatusCode.OK, status);
        var call = Assert.Single(receiver.CallsTo("before-login"));
        Assert.Equal("GET", call.Method);

        receiver.Answer("before-login", 403);
        var (refused, error, _) = await server.Public.GetJsonAsync("/self-service/login/api");
        Assert.Equal(HttpStatusCode.BadGateway, refused);
        Assert.Equal(502, error!["error"]!["code"]!.GetValue<int>());
        Assert.Equal("A third-party upstream service responded improperly. Please try again later.", error["error"]!["reason"]!.GetValue<string>());
        Assert.Equal(2, receiver.CallsTo("before-login").Count);

        // No flow was stored for the refused request; the first one is there.
        Assert.Equal(HttpStatusCode.OK, (await server.Public.GetJsonAsync($"/self-service/login/flows?id={flow!["id"]}")).Status);

        // A browser is sent to the error UI with the stored error.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/self-service/login/browser");
        request.Headers.Accept.ParseAdd("text/html");
        using var browser = await server.Public.SendAsync(request);
        Assert.Equal(HttpStatusCode.SeeOther, browser.StatusCode);
        Assert.StartsWith(FlowServerFixture.Ui + "error?id=", browser.Headers.Location!.ToString());
    }

    [Fact]
    public async Task An_interrupting_hook_vetoes_registration_with_messages_on_the_flow_and_no_identity_is_made()
    {
        await using var receiver = WebHookReceiver.Start();
        receiver.Answer("veto", 400, """
            {"messages":[
              {"instance_ptr":"#/traits/email","messages":[{"id":4000001,"text":"this address is blocked","type":"error","context":{"reason":"blocked"}}]},
              {"instance_ptr":"#/","messages":[{"id":1234,"text":"try another address","type":"info"}]}]}
            """);
        await using var server = await StartAsync(c => SetHooks(c, "registration", "after.password",
            WebHook(receiver.At("veto"), """{"can_interrupt":true}"""), SessionHook()));
        var email = HttpJson.Unique("vetoed");

        var (status, flow) = await RegisterAsync(server, email);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var node = Node(flow!, "traits.email")!;
        Assert.Equal(email, node["attributes"]!["value"]!.GetValue<string>());
        var message = Assert.Single(node["messages"]!.AsArray())!;
        Assert.Equal((4000001L, "this address is blocked", "error", "blocked"),
            (message["id"]!.GetValue<long>(), message["text"]!.GetValue<string>(), message["type"]!.GetValue<string>(), message["context"]!["reason"]!.GetValue<string>()));
        Assert.Equal([1234L], GlobalMessageIds(flow!));
        Assert.Empty(await server.IdentitiesWithAsync(email));
        Assert.Single(receiver.CallsTo("veto"));
    }

    [Fact]
    public async Task An_interrupting_hook_sends_a_browser_back_to_the_registration_ui()
    {
        await using var receiver = WebHookReceiver.Start();
        receiver.Answer("veto", 422, """{"messages":[{"instance_ptr":"#/traits/email","messages":[{"id":4000001,"text":"no","type":"error"}]}]}""");
        await using var server = await StartAsync(c => SetHooks(c, "registration", "after.password",
            WebHook(receiver.At("veto"), """{"response":{"parse":true}}"""), SessionHook()));
        var jar = new CookieJar();
        using var init = new HttpRequestMessage(HttpMethod.Get, "/self-service/registration/browser");
        init.Headers.Accept.ParseAdd("application/json");
        using var initResponse = await server.Public.SendAsync(init);
        jar.Take(initResponse);
        var flow = JsonNode.Parse(await initResponse.Content.ReadAsStringAsync())!;
        var email = HttpJson.Unique("browser");

        using var submit = new HttpRequestMessage(HttpMethod.Post, $"/self-service/registration?flow={flow["id"]}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["csrf_token"] = CsrfToken(flow), ["method"] = "password", ["password"] = Password, ["traits.email"] = email,
            }),
        };
        submit.Headers.Accept.ParseAdd("text/html");
        jar.AddTo(submit.Headers);
        using var response = await server.Public.SendAsync(submit);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(FlowServerFixture.Ui + $"registration?flow={flow["id"]}", response.Headers.Location!.ToString());
        Assert.Null(CookieJar.SetCookie(response, "ory_kratos_session"));
        Assert.Empty(await server.IdentitiesWithAsync(email));
    }

    [Fact]
    public async Task A_parsing_hook_changes_the_identity_before_it_is_written()
    {
        await using var receiver = WebHookReceiver.Start();
        var replaced = HttpJson.Unique("replaced");
        receiver.Answer("parse", 200, new JsonObject
        {
            ["identity"] = new JsonObject
            {
                ["traits"] = new JsonObject { ["email"] = replaced },
                ["metadata_public"] = new JsonObject { ["plan"] = "gold" },
                ["metadata_admin"] = new JsonObject { ["crm"] = "42" },
                ["external_id"] = "ext-" + replaced,
            },
        }.ToJsonString());
        await using var server = await StartAsync(c => SetHooks(c, "registration", "after.password",
            WebHook(receiver.At("parse"), """{"response":{"parse":true}}"""), SessionHook()));
        var typed = HttpJson.Unique("typed");

        var (status, body) = await RegisterAsync(server, typed);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(replaced, body!["identity"]!["traits"]!["email"]!.GetValue<string>());
        Assert.Empty(await server.IdentitiesWithAsync(typed));
        var stored = Assert.Single(await server.IdentitiesWithAsync(replaced))!;
        Assert.Equal("gold", stored["metadata_public"]!["plan"]!.GetValue<string>());
        Assert.Equal("42", stored["metadata_admin"]!["crm"]!.GetValue<string>());
        Assert.Equal("ext-" + replaced, stored["external_id"]!.GetValue<string>());
        // Identifiers and addresses follow the new traits.
        Assert.Equal(replaced, stored["verifiable_addresses"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(replaced, stored["recovery_addresses"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Traits_a_parsing_hook_breaks_are_refused_on_the_flow_like_any_invalid_traits()
    {
        await using var receiver = WebHookReceiver.Start();
        receiver.Answer("parse", 200, """{"identity":{"traits":{"email":"not an address"}}}""");
        await using var server = await StartAsync(c => SetHooks(c, "registration", "after.password",
            WebHook(receiver.At("parse"), """{"response":{"parse":true}}"""), SessionHook()));
        var typed = HttpJson.Unique("typed");

        var (status, flow) = await RegisterAsync(server, typed);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("not an address", Node(flow!, "traits.email")!["attributes"]!["value"]!.GetValue<string>());
        Assert.Equal([4000040L], NodeMessageIds(flow!, "traits.email")); // ErrorValidationInvalidEmail
        Assert.Empty(await server.IdentitiesWithAsync(typed));
    }

    [Fact]
    public async Task An_ignored_hook_never_holds_up_the_flow_even_when_its_target_hangs_or_fails()
    {
        await using var receiver = WebHookReceiver.Start();
        receiver.Hold("hang");
        receiver.Answer("fail", 500);
        await using var server = await StartAsync(c =>
        {
            SetHooks(c, "registration", "after.password", WebHook(receiver.At("hang"), """{"response":{"ignore":true}}"""),
                WebHook(receiver.At("fail"), """{"response":{"ignore":true}}"""), SessionHook());
            SetHooks(c, "login", "before", WebHook(receiver.At("hang"), """{"response":{"ignore":true}}"""));
        });

        var (status, _) = await RegisterAsync(server, HttpJson.Unique("ignored")).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, (await server.Public.GetJsonAsync("/self-service/login/api").WaitAsync(TimeSpan.FromSeconds(20))).Status);

        // Both went out in the background; the hanging ones are still unanswered, the failing one was tried three times.
        await receiver.WaitForAsync("hang", 2);
        await receiver.WaitForAsync("fail", 3);
        receiver.Release("hang");
    }

    [Fact]
    public async Task A_target_that_is_down_fails_the_flow_with_502_after_kratoss_retries()
    {
        var down = $"http://127.0.0.1:{FreePort.Next()}/down";
        await using var server = await StartAsync(c =>
        {
            SetHooks(c, "registration", "after.password", WebHook(down), SessionHook());
            SetHooks(c, "login", "after.password", WebHook(down, """{"can_interrupt":true}"""));
        });
        var email = HttpJson.Unique("down");

        var (status, body) = await RegisterAsync(server, email);

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("A third-party upstream service could not be reached. Please try again later.", body!["error"]!["reason"]!.GetValue<string>());
        // A post-persist hook: the identity (and the session hook's session) were written before it ran, as in Kratos;
        // the client got no token.
        Assert.Null(body["session_token"]);
        var identityId = Assert.Single(await server.IdentitiesWithAsync(email))!["id"]!.GetValue<string>();
        var sessions = (await server.SessionsOfAsync(identityId)).Count;

        var (loginStatus, login) = await server.NativeLoginAsync(email, Password);
        Assert.Equal(HttpStatusCode.BadGateway, loginStatus);
        Assert.Equal(502, login!["error"]!["code"]!.GetValue<int>());
        Assert.Equal(sessions, (await server.SessionsOfAsync(identityId)).Count);
    }

    [Fact]
    public async Task A_target_that_does_not_answer_in_time_is_504_and_no_session_is_made()
    {
        await using var receiver = WebHookReceiver.Start();
        receiver.Hold("slow");
        await using var server = await StartAsync(c => SetHooks(c, "login", "after.password", WebHook(receiver.At("slow"))),
            timeout: TimeSpan.FromSeconds(1)); // long enough for a loaded machine to deliver each attempt before it times out
        var email = HttpJson.Unique("slow");
        var created = await server.CreateIdentityAsync(HttpJson.EmailIdentity(email, HttpJson.Password(Password)));

        var (status, body) = await server.NativeLoginAsync(email, Password);

        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.Equal("A third-party upstream service could not be reached. Please try again later.", body!["error"]!["reason"]!.GetValue<string>());
        Assert.Equal(3, receiver.CallsTo("slow").Count);
        Assert.Empty(await server.SessionsOfAsync(created["id"]!.GetValue<string>()));
        receiver.Release("slow");
    }

    [Fact]
    public async Task A_hook_answering_an_error_fails_the_flow_with_502_unless_it_may_interrupt()
    {
        await using var receiver = WebHookReceiver.Start();
        receiver.Answer("refuse", 409, """{"messages":[{"instance_ptr":"#/","messages":[{"id":1,"text":"x","type":"error"}]}]}""");
        receiver.Answer("garbage", 400, "not json");
        await using var server = await StartAsync(c =>
        {
            SetHooks(c, "login", "after.password", WebHook(receiver.At("refuse")));
            SetHooks(c, "registration", "after.password", WebHook(receiver.At("garbage"), """{"can_interrupt":true}"""), SessionHook());
        });
        var email = HttpJson.Unique("refused");
        await server.CreateIdentityAsync(HttpJson.EmailIdentity(email, HttpJson.Password(Password)));

        var (status, body) = await server.NativeLoginAsync(email, Password);
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("webhook failed with status code 409", body!["error"]!["message"]!.GetValue<string>());

        // An interrupting hook whose error answer carries no messages fails the flow too.
        var other = HttpJson.Unique("garbage");
        Assert.Equal(HttpStatusCode.BadGateway, (await RegisterAsync(server, other)).Status);
        Assert.Empty(await server.IdentitiesWithAsync(other));
    }

    [Fact]
    public async Task An_interrupting_login_hook_puts_its_messages_on_the_login_flow_and_no_session_is_made()
    {
        await using var receiver = WebHookReceiver.Start();
        receiver.Answer("login", 403, """{"messages":[{"instance_ptr":"#/","messages":[{"id":4000001,"text":"not today","type":"error"}]}]}""");
        await using var server = await StartAsync(c => SetHooks(c, "login", "after.password", WebHook(receiver.At("login"), """{"can_interrupt":true}""")));
        var email = HttpJson.Unique("login");
        var created = await server.CreateIdentityAsync(HttpJson.EmailIdentity(email, HttpJson.Password(Password)));

        var (status, flow) = await server.NativeLoginAsync(email, Password);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("api", flow!["type"]!.GetValue<string>());
        Assert.NotNull(flow["requested_aal"]);
        Assert.Equal([4000001L], GlobalMessageIds(flow));
        Assert.Empty(await server.SessionsOfAsync(created["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Settings_recovery_and_verification_after_hooks_fire()
    {
        await using var smtp = SmtpSink.Start();
        await using var receiver = WebHookReceiver.Start();
        await using var server = await StartAsync(c =>
        {
            SetHooks(c, "settings", "after.profile", WebHook(receiver.At("settings")));
            SetHooks(c, "settings", "after.password", WebHook(receiver.At("settings-password")));
            SetHooks(c, "recovery", "after", WebHook(receiver.At("recovery")), new JsonObject { ["hook"] = "revoke_active_sessions" });
            SetHooks(c, "verification", "after", WebHook(receiver.At("verification")));
            SetHooks(c, "settings", "before", WebHook(receiver.At("settings-before")));
            SetHooks(c, "recovery", "before", WebHook(receiver.At("recovery-before")));
            SetHooks(c, "verification", "before", WebHook(receiver.At("verification-before")));
        }, baseConfig: c => CodeFlowServerFixture.Apply(c, smtp));
        // Verified, so that changing the profile sends no verification mail of its own.
        var (email, _) = await server.CreateUserAsync(verified: true);
        var token = await server.NativeTokenAsync(email);

        // Settings: the profile method's list, not the password method's.
        var settings = await server.NativeSettingsFlowAsync(token);
        Assert.Single(receiver.CallsTo("settings-before"));
        var (updated, _, _) = await server.SubmitAsync(settings, token, ProfileBody(email, first: "Grace"));
        Assert.Equal(HttpStatusCode.OK, updated);
        Assert.Single(receiver.CallsTo("settings"));
        Assert.Empty(receiver.CallsTo("settings-password"));

        // Recovery: the hook runs once the code is accepted.
        var recovery = await server.NativeRecoveryFlowAsync();
        Assert.Single(receiver.CallsTo("recovery-before"));
        await server.SubmitRecoveryAsync(recovery, RecoveryHttp.Email(email));
        var code = CodeMail.Code(await smtp.MailAsync(email));
        Assert.Empty(receiver.CallsTo("recovery"));
        var (recovered, _, _) = await server.SubmitRecoveryAsync(recovery, RecoveryHttp.Code(code));
        Assert.Equal(HttpStatusCode.OK, recovered);
        Assert.Single(receiver.CallsTo("recovery"));

        // Verification: the hook runs once the address is verified.
        var (unverified, _) = await server.CreateUserAsync();
        var verification = await server.NativeVerificationFlowAsync();
        Assert.Single(receiver.CallsTo("verification-before"));
        var id = verification["id"]!.GetValue<string>();
        await server.SubmitVerificationAsync(id, VerificationHttp.Email(unverified));
        var verificationCode = CodeMail.Code(await smtp.MailAsync(unverified));
        Assert.Empty(receiver.CallsTo("verification"));
        var (verified, flow, _) = await server.SubmitVerificationAsync(id, VerificationHttp.Code(verificationCode));
        Assert.Equal(HttpStatusCode.OK, verified);
        Assert.Equal("passed_challenge", flow!["state"]!.GetValue<string>());
        Assert.Single(receiver.CallsTo("verification"));
    }

    [Fact]
    public async Task A_failing_recovery_hook_answers_its_error_and_issues_no_session()
    {
        await using var smtp = SmtpSink.Start();
        await using var receiver = WebHookReceiver.Start();
        receiver.Answer("recovery", 400);
        await using var server = await StartAsync(c => SetHooks(c, "recovery", "after", WebHook(receiver.At("recovery"))),
            baseConfig: c => CodeFlowServerFixture.Apply(c, smtp));
        var (email, id) = await server.CreateUserAsync(verified: true);

        var recovery = await server.NativeRecoveryFlowAsync();
        await server.SubmitRecoveryAsync(recovery, RecoveryHttp.Email(email));
        var (status, body, _) = await server.SubmitRecoveryAsync(recovery, RecoveryHttp.Code(CodeMail.Code(await smtp.MailAsync(email))));

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal(502, body!["error"]!["code"]!.GetValue<int>());
        Assert.Empty(await server.SessionsOfAsync(id));
    }
}

public sealed class WebHookTests_Sqlite : WebHookTests
{
    private protected override Task<TestDatabase?> DatabaseAsync() => Task.FromResult<TestDatabase?>(TestDatabase.Sqlite());
}

public sealed class WebHookTests_Postgres : WebHookTests
{
    private protected override async Task<TestDatabase?> DatabaseAsync() =>
        TestDatabase.PostgresUnavailableReason() is null ? await TestDatabase.PostgresAsync() : null;
}
