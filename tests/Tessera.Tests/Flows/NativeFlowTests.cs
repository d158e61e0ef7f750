using System.Net;
using System.Text.Json.Nodes;
using Tessera.Hashing;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Infrastructure.HttpJson;

namespace Tessera.Tests.Flows;

/// <summary>Registration and login by native (api) clients, as FLOWS.md §1 and §3.1 give them, on SQLite and PostgreSQL.</summary>
public abstract class NativeFlowTests(FlowServerFixture fixture)
{
    const string Password = "correct horse battery staple 42";

    TesseraServer Server => fixture.Require();

    HttpClient Public => Server.Public;

    async Task<string> NewFlowAsync(string kind)
    {
        var (status, flow, _) = await Public.GetJsonAsync($"/self-service/{kind}/api");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("api", flow!["type"]!.GetValue<string>());
        return flow["id"]!.GetValue<string>();
    }

    async Task<(HttpStatusCode Status, JsonNode? Body)> SubmitAsync(string kind, string flow, JsonObject body)
    {
        var (status, json, _) = await Public.PostJsonAsync($"/self-service/{kind}?flow={flow}", body);
        return (status, json);
    }

    static JsonObject Registration(string email, string password = Password) =>
        new() { ["method"] = "password", ["password"] = password, ["traits"] = new JsonObject { ["email"] = email, ["name"] = new JsonObject { ["first"] = "Ada" } } };

    static JsonObject Login(string identifier, string password = Password) =>
        new() { ["method"] = "password", ["identifier"] = identifier, ["password"] = password };

    static JsonNode? Node(JsonNode flow, string name) =>
        flow["ui"]!["nodes"]!.AsArray().FirstOrDefault(n => n!["attributes"]!["name"]?.GetValue<string>() == name);

    static long[] NodeMessageIds(JsonNode flow, string name) =>
        Node(flow, name)?["messages"]!.AsArray().Select(m => m!["id"]!.GetValue<long>()).ToArray() ?? [];

    static long[] GlobalMessageIds(JsonNode flow) =>
        flow["ui"]!["messages"]?.AsArray().Select(m => m!["id"]!.GetValue<long>()).ToArray() ?? [];

    [Fact]
    public async Task Registration_with_the_session_hook_returns_a_working_session_token()
    {
        var email = Unique();
        var flow = await NewFlowAsync("registration");
        var (status, body) = await SubmitAsync("registration", flow, Registration(email));

        Assert.Equal(HttpStatusCode.OK, status);
        var token = body!["session_token"]!.GetValue<string>();
        Assert.StartsWith("ory_st_", token);
        Assert.Equal(39, token.Length);
        Assert.Equal("aal1", body["session"]!["authenticator_assurance_level"]!.GetValue<string>());
        Assert.Equal("password", body["session"]!["authentication_methods"]![0]!["method"]!.GetValue<string>());
        Assert.Equal(email, body["identity"]!["traits"]!["email"]!.GetValue<string>());
        Assert.Null(body["identity"]!["credentials"]);
        var continueWith = body["continue_with"]!.AsArray();
        Assert.Contains(continueWith, c => c!["action"]!.GetValue<string>() == "set_ory_session_token" && c["ory_session_token"]!.GetValue<string>() == token);

        using var whoami = new HttpRequestMessage(HttpMethod.Get, "/sessions/whoami");
        whoami.Headers.Add("X-Session-Token", token);
        using var response = await Public.SendAsync(whoami);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Registration_failures_come_back_as_the_flow_with_message_ids()
    {
        var flow = await NewFlowAsync("registration");
        var (missing, missingBody) = await SubmitAsync("registration", flow, new JsonObject { ["method"] = "password", ["password"] = "short", ["traits"] = new JsonObject() });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal([4000002], NodeMessageIds(missingBody!, "traits.email"));
        Assert.Equal("email", Node(missingBody!, "traits.email")!["messages"]![0]!["context"]!["property"]!.GetValue<string>());

        var (shortPassword, shortBody) = await SubmitAsync("registration", flow, Registration(Unique(), "short"));
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword);
        Assert.Equal([4000032], NodeMessageIds(shortBody!, "password"));
        Assert.Equal(8, Node(shortBody!, "password")!["messages"]![0]!["context"]!["min_length"]!.GetValue<int>());
        Assert.Null(Node(shortBody!, "password")!["attributes"]!["value"]);

        var taken = Unique();
        await Server.CreateIdentityAsync(EmailIdentity(taken));
        var (duplicate, duplicateBody) = await SubmitAsync("registration", flow, Registration(taken.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate);
        Assert.Equal([4000007], GlobalMessageIds(duplicateBody!));
        Assert.Equal(taken.ToUpperInvariant(), Node(duplicateBody!, "traits.email")!["attributes"]!["value"]!.GetValue<string>());

        var (unknownMethod, unknownBody) = await SubmitAsync("registration", flow, new JsonObject { ["method"] = "magic" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownMethod);
        Assert.Equal([4010003], GlobalMessageIds(unknownBody!));
    }

    [Fact]
    public async Task A_browser_request_on_an_api_flow_and_bad_flow_ids_are_plain_errors()
    {
        var flow = await NewFlowAsync("login");
        using var withCookie = new HttpRequestMessage(HttpMethod.Post, $"/self-service/login?flow={flow}")
        {
            Content = new StringContent(Login("x@example.com").ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        withCookie.Headers.Add("Cookie", "some=cookie");
        using var response = await Public.SendAsync(withCookie);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.StartsWith("The HTTP Request Header included the \"Cookie\" key", error["reason"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NotFound, (await SubmitAsync("login", Guid.NewGuid().ToString(), Login("x@example.com"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SubmitAsync("login", "not-a-uuid", Login("x@example.com"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Public.GetJsonAsync($"/self-service/login/flows?id={Guid.NewGuid()}")).Status);

        using var malformed = await Public.PostAsync($"/self-service/login?flow={flow}", new StringContent("{\"method\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        var tooManyFields = string.Join("&", Enumerable.Range(0, 5000).Select(i => $"k{i}=v"));
        using var form = await Public.PostAsync($"/self-service/login?flow={flow}", new StringContent(tooManyFields, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.StartsWith("Unable to decode the form", JsonNode.Parse(await form.Content.ReadAsStringAsync())!["error"]!["reason"]!.GetValue<string>());

        var deep = "{\"method\":\"password\",\"traits\":" + new string('[', 1000) + new string(']', 1000) + "}";
        using var deepJson = await Public.PostAsync($"/self-service/login?flow={flow}", new StringContent(deep, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, deepJson.StatusCode);
    }

    [Fact]
    public async Task Login_by_password_and_its_failures()
    {
        var email = Unique();
        await Server.CreateIdentityAsync(EmailIdentity(email, HttpJson.Password(Password)));
        var flow = await NewFlowAsync("login");
        var (_, fresh, _) = await Public.GetJsonAsync($"/self-service/login/flows?id={flow}");
        Assert.Equal(1010022, Node(fresh!, "method")!["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.Equal(1070002, Node(fresh!, "identifier")!["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.Equal("current-password", Node(fresh!, "password")!["attributes"]!["autocomplete"]!.GetValue<string>());

        var (wrong, wrongBody) = await SubmitAsync("login", flow, Login(email, "not the password"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong);
        Assert.Equal([4000006], GlobalMessageIds(wrongBody!));
        Assert.Equal(email, Node(wrongBody!, "identifier")!["attributes"]!["value"]!.GetValue<string>());
        Assert.Null(Node(wrongBody!, "password")!["attributes"]!["value"]);

        var (unknown, unknownBody) = await SubmitAsync("login", flow, Login(Unique()));
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Equal([4000006], GlobalMessageIds(unknownBody!));

        var (missing, missingBody) = await SubmitAsync("login", flow, new JsonObject { ["method"] = "password", ["password"] = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal([4000002], NodeMessageIds(missingBody!, "identifier"));

        var (ok, session) = await SubmitAsync("login", flow, Login(email.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.StartsWith("ory_st_", session!["session_token"]!.GetValue<string>());
        Assert.Equal(email, session["session"]!["identity"]!["traits"]!["email"]!.GetValue<string>());
        Assert.Equal("null", session["continue_with"]?.ToJsonString() ?? "null");

        // A token on init means a session exists already.
        using var init = new HttpRequestMessage(HttpMethod.Get, "/self-service/login/api");
        init.Headers.Add("X-Session-Token", session["session_token"]!.GetValue<string>());
        using var again = await Public.SendAsync(init);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("session_already_available", JsonNode.Parse(await again.Content.ReadAsStringAsync())!["error"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_inactive_identity_cannot_log_in()
    {
        var email = Unique();
        await Server.CreateIdentityAsync(new JsonObject
        {
            ["traits"] = new JsonObject { ["email"] = email },
            ["state"] = "inactive",
            ["credentials"] = HttpJson.Password(Password),
        });
        var (status, body) = await SubmitAsync("login", await NewFlowAsync("login"), Login(email));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4010011], GlobalMessageIds(body!));
    }

    [Fact]
    public async Task An_imported_bcrypt_hash_logs_in_and_is_kept()
    {
        const string imported = "$2a$10$ZsCsoVQ3xfBG/K2z2XpBf.tm90GZmtOqtqWcB5.pYd5Eq8y7RlDyq";
        var email = Unique();
        var created = await Server.CreateIdentityAsync(EmailIdentity(email, HashedPassword(imported)));
        var (status, _) = await SubmitAsync("login", await NewFlowAsync("login"), Login(email, "123456"));
        Assert.Equal(HttpStatusCode.OK, status);

        // Same algorithm, stronger than the configured cost 4: never downgraded (FLOWS.md §12).
        var (_, identity, _) = await Server.Admin.GetJsonAsync($"/admin/identities/{created["id"]}?include_credential=password");
        Assert.Equal(imported, identity!["credentials"]!["password"]!["config"]!["hashed_password"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_imported_hash_of_another_algorithm_is_rehashed_with_the_configured_hasher()
    {
        var email = Unique();
        var created = await Server.CreateIdentityAsync(EmailIdentity(email, HashedPassword("$md5$4QrcOUm6Wau+VuBX8g+IPg==")));
        var (status, _) = await SubmitAsync("login", await NewFlowAsync("login"), Login(email, "123456"));
        Assert.Equal(HttpStatusCode.OK, status);

        var (_, identity, _) = await Server.Admin.GetJsonAsync($"/admin/identities/{created["id"]}?include_credential=password");
        var hash = identity!["credentials"]!["password"]!["config"]!["hashed_password"]!.GetValue<string>();
        Assert.StartsWith("$2a$04$", hash);
        Assert.True(HashFormats.Verify("123456", hash));
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync("login", await NewFlowAsync("login"), Login(email, "123456"))).Status);
    }

    [Fact]
    public async Task An_expired_flow_answers_410_with_a_replacement()
    {
        var flow = await NewFlowAsync("login");
        fixture.Time.Advance(TimeSpan.FromMinutes(11));
        var (status, body) = await SubmitAsync("login", flow, Login(Unique()));
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Equal("self_service_flow_expired", body!["error"]!["id"]!.GetValue<string>());
        var replacement = body["use_flow_id"]!.GetValue<string>();
        var (_, newFlow, _) = await Public.GetJsonAsync($"/self-service/login/flows?id={replacement}");
        Assert.Equal([4010001], GlobalMessageIds(newFlow!));

        var (gone, goneBody, _) = await Public.GetJsonAsync($"/self-service/login/flows?id={flow}");
        Assert.Equal(HttpStatusCode.Gone, gone);
        Assert.NotNull(goneBody!["error"]!["details"]!["redirect_to"]);
    }

    [Theory]
    [InlineData("login")]
    [InlineData("registration")]
    public async Task An_expired_flow_submitted_with_a_forbidden_return_to_still_answers_410(string kind)
    {
        // The replacement keeps the expired flow's own return_to; the one on the submit URL is not consulted (it was a 500).
        var flow = await NewFlowAsync(kind);
        fixture.Time.Advance(TimeSpan.FromHours(2)); // past every flow's lifespan
        var body = kind == "login" ? Login(Unique()) : Registration(Unique());
        var (status, json, _) = await Public.PostJsonAsync($"/self-service/{kind}?flow={flow}&return_to=https%3A%2F%2Fevil.example%2F", body);
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Equal("self_service_flow_expired", json!["error"]!["id"]!.GetValue<string>());
        Assert.Null((await Public.GetJsonAsync($"/self-service/{kind}/flows?id={json["use_flow_id"]!.GetValue<string>()}")).Body!["return_to"]);
    }

    [Fact]
    public async Task Profile_first_registration_shows_the_credential_step_then_registers()
    {
        var flow = await NewFlowAsync("registration");
        var email = Unique();
        var (_, fresh, _) = await Public.GetJsonAsync($"/self-service/registration/flows?id={flow}");
        Assert.Equal("profile", Node(fresh!, "method")!["attributes"]!["value"]!.GetValue<string>());
        Assert.Null(Node(fresh!, "password"));

        var (step, stepBody) = await SubmitAsync("registration", flow, new JsonObject { ["method"] = "profile", ["traits"] = new JsonObject { ["email"] = email } });
        Assert.Equal(HttpStatusCode.BadRequest, step);
        Assert.Equal([1040009], GlobalMessageIds(stepBody!));
        Assert.Equal("hidden", Node(stepBody!, "traits.email")!["attributes"]!["type"]!.GetValue<string>());
        Assert.Equal(email, Node(stepBody!, "traits.email")!["attributes"]!["value"]!.GetValue<string>());
        Assert.NotNull(Node(stepBody!, "password"));
        Assert.NotNull(Node(stepBody!, "screen"));

        var (done, doneBody) = await SubmitAsync("registration", flow, Registration(email));
        Assert.Equal(HttpStatusCode.OK, done);
        Assert.NotNull(doneBody!["session_token"]);
    }
}

public sealed class NativeFlowTests_Sqlite(SqliteFlowServerFixture fixture) : NativeFlowTests(fixture), IClassFixture<SqliteFlowServerFixture>;

public sealed class NativeFlowTests_Postgres(PostgresFlowServerFixture fixture) : NativeFlowTests(fixture), IClassFixture<PostgresFlowServerFixture>;
