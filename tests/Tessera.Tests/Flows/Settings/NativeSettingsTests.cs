using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;

namespace Tessera.Tests.Flows.Settings;

/// <summary>Settings by native (api) clients with a session token, as FLOWS.md §7.1, §7.2 and §7.4 give them, on SQLite and PostgreSQL.</summary>
public abstract class NativeSettingsTests(SettingsServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    async Task<(string Email, string Id, string Token)> UserAsync(bool verified = false)
    {
        var (email, id) = await Server.CreateUserAsync(verified);
        return (email, id, await Server.NativeTokenAsync(email));
    }

    [Fact]
    public async Task The_api_flow_carries_the_identity_and_the_profile_and_password_forms()
    {
        var (email, id, token) = await UserAsync();
        var flow = await Server.NativeSettingsFlowAsync(token);

        Assert.Equal("api", flow["type"]!.GetValue<string>());
        Assert.Equal("show_form", flow["state"]!.GetValue<string>());
        Assert.Equal(new Uri(Server.PublicUrl, "self-service/settings/api").ToString(), flow["request_url"]!.GetValue<string>());
        Assert.Equal(new Uri(Server.PublicUrl, $"self-service/settings?flow={flow["id"]}").ToString(), flow["ui"]!["action"]!.GetValue<string>());
        Assert.Equal("POST", flow["ui"]!["method"]!.GetValue<string>());
        Assert.Equal(id, flow["identity"]!["id"]!.GetValue<string>());
        Assert.Equal(email, flow["identity"]!["traits"]!["email"]!.GetValue<string>());
        Assert.Null(flow["identity"]!["credentials"]);
        Assert.Null(flow["continue_with"]);

        var csrf = Node(flow, "csrf_token")!;
        Assert.Equal(("default", "hidden", ""), (csrf["group"]!.GetValue<string>(), csrf["attributes"]!["type"]!.GetValue<string>(), CsrfToken(flow)));
        var emailNode = Node(flow, "traits.email")!;
        Assert.Equal("profile", emailNode["group"]!.GetValue<string>());
        Assert.Equal("email", emailNode["attributes"]!["type"]!.GetValue<string>());
        Assert.Equal(email, emailNode["attributes"]!["value"]!.GetValue<string>());
        Assert.True(emailNode["attributes"]!["required"]!.GetValue<bool>());
        Assert.Equal(1070002, emailNode["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.Equal("Ada", Node(flow, "traits.name.first")!["attributes"]!["value"]!.GetValue<string>());
        Assert.Null(Node(flow, "traits.name.last")!["attributes"]!["value"]);
        var password = Node(flow, "password")!;
        Assert.Equal(("password", "password", "new-password"),
            (password["group"]!.GetValue<string>(), password["attributes"]!["type"]!.GetValue<string>(), password["attributes"]!["autocomplete"]!.GetValue<string>()));
        foreach (var method in new[] { "profile", "password" })
        {
            var submit = Node(flow, "method", method)!;
            Assert.Equal(method, submit["group"]!.GetValue<string>());
            Assert.Equal("""{"id":1070003,"text":"Save","type":"info"}""", submit["meta"]!["label"]!.ToJsonString());
        }

        // Kratos's settings order: default, profile, password; the submit last in its group.
        var names = flow["ui"]!["nodes"]!.AsArray().Select(n => $"{n!["group"]}:{n["attributes"]!["name"]}").ToArray();
        Assert.Equal(["default:csrf_token", "profile:traits.email", "profile:traits.name.first", "profile:traits.name.last", "profile:method",
            "password:password", "password:method"], names);

        var (status, again, _) = await Server.SendAsync(HttpMethod.Get, $"/self-service/settings/flows?id={flow["id"]}", token);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(flow["id"]!.GetValue<string>(), again!["id"]!.GetValue<string>());
        Assert.Equal(id, again["identity"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_session_every_settings_call_is_401()
    {
        var (_, _, token) = await UserAsync();
        var flow = await Server.NativeSettingsFlowAsync(token);

        var (init, initBody, response) = await Server.SendAsync(HttpMethod.Get, "/self-service/settings/api", null);
        Assert.Equal(HttpStatusCode.Unauthorized, init);
        Assert.Equal("session_inactive", ErrorId(initBody));
        Assert.Equal("session_inactive", response.Headers.GetValues("Ory-Error-Id").Single());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.SendAsync(HttpMethod.Get, "/self-service/settings/api", "ory_st_unknown")).Status);

        var (get, getBody, _) = await Server.SendAsync(HttpMethod.Get, $"/self-service/settings/flows?id={flow["id"]}", null);
        Assert.Equal(HttpStatusCode.Unauthorized, get);
        Assert.Equal("A valid Ory Session Cookie or Ory Session Token is missing.", getBody!["error"]!["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.SubmitAsync(flow, null, PasswordBody(NewPassword))).Status);
    }

    [Fact]
    public async Task A_profile_update_saves_the_traits_and_renders_the_form_again()
    {
        var (email, id, token) = await UserAsync();
        var flow = await Server.NativeSettingsFlowAsync(token);
        var (status, body, _) = await Server.SubmitAsync(flow, token, ProfileBody(email, "Ada", "Lovelace"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("success", body!["state"]!.GetValue<string>());
        Assert.Equal("profile", body["active"]!.GetValue<string>());
        Assert.Equal("""[{"id":1050001,"text":"Your changes have been saved!","type":"success"}]""", body["ui"]!["messages"]!.ToJsonString());
        Assert.Equal("Lovelace", body["identity"]!["traits"]!["name"]!["last"]!.GetValue<string>());
        Assert.Equal("Lovelace", Node(body, "traits.name.last")!["attributes"]!["value"]!.GetValue<string>());
        Assert.NotNull(Node(body, "password"));

        var (_, stored, _) = await Server.Admin.GetJsonAsync($"/admin/identities/{id}");
        Assert.Equal("Lovelace", stored!["traits"]!["name"]!["last"]!.GetValue<string>());

        // The flow stays usable, and the traits are replaced wholesale: an omitted trait is removed.
        var (again, againBody, _) = await Server.SubmitAsync(flow, token, ProfileBody(email));
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Null(againBody!["identity"]!["traits"]!["name"]!["last"]);
        Assert.Null(Node(againBody, "traits.name.last")!["attributes"]!["value"]);
    }

    [Fact]
    public async Task Profile_schema_errors_come_back_on_the_nodes()
    {
        var (email, _, token) = await UserAsync();
        var flow = await Server.NativeSettingsFlowAsync(token);

        var (invalid, invalidBody, _) = await Server.SubmitAsync(flow, token, ProfileBody("not-an-email", "Ada"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        Assert.Equal("show_form", invalidBody!["state"]!.GetValue<string>());
        Assert.Contains(4000040, NodeMessageIds(invalidBody, "traits.email"));
        Assert.Equal("not-an-email", Node(invalidBody, "traits.email")!["attributes"]!["value"]!.GetValue<string>());
        Assert.Equal(email, invalidBody["identity"]!["traits"]!["email"]!.GetValue<string>());

        var (missing, missingBody, _) = await Server.SubmitAsync(flow, token, new JsonObject { ["method"] = "profile", ["traits"] = new JsonObject() });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal([4000002], NodeMessageIds(missingBody!, "traits.email"));

        var (nothing, nothingBody, _) = await Server.SubmitAsync(flow, token, new JsonObject { ["method"] = "profile" });
        Assert.Equal(HttpStatusCode.BadRequest, nothing);
        Assert.Equal([4000001], GlobalMessageIds(nothingBody!));
        Assert.Equal("Did not receive any value changes.", nothingBody!["ui"]!["messages"]![0]!["text"]!.GetValue<string>());

        var (unknown, unknownBody, _) = await Server.SubmitAsync(flow, token, new JsonObject { ["method"] = "magic" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Equal([4010004], GlobalMessageIds(unknownBody!));

        var taken = (await Server.CreateUserAsync()).Email;
        var (duplicate, duplicateBody, _) = await Server.SubmitAsync(flow, token, ProfileBody(taken, "Ada"));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate);
        Assert.Equal([4000007], GlobalMessageIds(duplicateBody!));
    }

    [Fact]
    public async Task A_changed_email_becomes_an_unverified_pending_address_and_the_new_identifier()
    {
        var (email, id, token) = await UserAsync(verified: true);
        var (_, before, _) = await Server.Admin.GetJsonAsync($"/admin/identities/{id}");
        var address = before!["verifiable_addresses"]![0]!;
        Assert.True(address["verified"]!.GetValue<bool>());

        // An unchanged address keeps its id and its verification.
        var flow = await Server.NativeSettingsFlowAsync(token);
        var (kept, keptBody, _) = await Server.SubmitAsync(flow, token, ProfileBody(email, "Augusta"));
        Assert.Equal(HttpStatusCode.OK, kept);
        var unchanged = keptBody!["identity"]!["verifiable_addresses"]![0]!;
        Assert.Equal(address["id"]!.GetValue<string>(), unchanged["id"]!.GetValue<string>());
        Assert.True(unchanged["verified"]!.GetValue<bool>());

        var changed = HttpJson.Unique("changed");
        var (status, body, _) = await Server.SubmitAsync(flow, token, ProfileBody(changed, "Augusta"));
        Assert.Equal(HttpStatusCode.OK, status);
        var fresh = body!["identity"]!["verifiable_addresses"]!.AsArray().Single()!;
        Assert.Equal(changed, fresh["value"]!.GetValue<string>());
        Assert.False(fresh["verified"]!.GetValue<bool>());
        Assert.Equal("pending", fresh["status"]!.GetValue<string>());
        Assert.Null(fresh["verified_at"]);
        Assert.NotEqual(address["id"]!.GetValue<string>(), fresh["id"]!.GetValue<string>());
        Assert.Equal(changed, body["identity"]!["recovery_addresses"]![0]!["value"]!.GetValue<string>());

        var (_, stored, _) = await Server.Admin.GetJsonAsync($"/admin/identities/{id}");
        Assert.Equal([changed], stored!["credentials"]!["password"]!["identifiers"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await Server.NativeLoginAsync(changed, Password)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.NativeLoginAsync(email, Password)).Status);
    }

    [Fact]
    public async Task A_new_password_logs_in_and_the_old_one_no_longer_does()
    {
        var (email, id, token) = await UserAsync();
        var flow = await Server.NativeSettingsFlowAsync(token);
        var (status, body, _) = await Server.SubmitAsync(flow, token, PasswordBody(NewPassword));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("success", body!["state"]!.GetValue<string>());
        Assert.Equal("password", body["active"]!.GetValue<string>());
        Assert.Equal([1050001], GlobalMessageIds(body));
        Assert.Null(Node(body, "password")!["attributes"]!["value"]);
        Assert.Equal(HttpStatusCode.OK, (await Server.NativeLoginAsync(email, NewPassword)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.NativeLoginAsync(email, Password)).Status);

        var (_, stored, _) = await Server.Admin.GetJsonAsync($"/admin/identities/{id}?include_credential=password");
        Assert.Equal([email], stored!["credentials"]!["password"]!["identifiers"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.StartsWith("$2a$04$", stored["credentials"]!["password"]!["config"]!["hashed_password"]!.GetValue<string>());
        // Without the revoke_active_sessions hook the other sessions stay.
        Assert.Equal(HttpStatusCode.OK, await Server.WhoamiAsync(token));
    }

    [Fact]
    public async Task Password_policy_violations_go_on_the_password_node()
    {
        var (email, _, token) = await UserAsync();
        var flow = await Server.NativeSettingsFlowAsync(token);

        var (tooShort, tooShortBody, _) = await Server.SubmitAsync(flow, token, PasswordBody("short"));
        Assert.Equal(HttpStatusCode.BadRequest, tooShort);
        Assert.Equal([4000032], NodeMessageIds(tooShortBody!, "password"));
        Assert.Equal("""{"min_length":8,"actual_length":5}""", Node(tooShortBody!, "password")!["messages"]![0]!["context"]!.ToJsonString());
        Assert.Equal("show_form", tooShortBody!["state"]!.GetValue<string>());

        var (similar, similarBody, _) = await Server.SubmitAsync(flow, token, PasswordBody(email.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.BadRequest, similar);
        Assert.Equal([4000031], NodeMessageIds(similarBody!, "password"));

        var (same, sameBody, _) = await Server.SubmitAsync(flow, token, PasswordBody(Password));
        Assert.Equal(HttpStatusCode.BadRequest, same);
        Assert.Equal([4000039], NodeMessageIds(sameBody!, "password"));
        Assert.Equal("The new password must be different from the old password.",
            Node(sameBody!, "password")!["messages"]![0]!["text"]!.GetValue<string>());

        var (missing, missingBody, _) = await Server.SubmitAsync(flow, token, new JsonObject { ["method"] = "password" });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal([4000002], NodeMessageIds(missingBody!, "password"));

        Assert.Equal(HttpStatusCode.OK, (await Server.NativeLoginAsync(email, Password)).Status);
    }

    [Fact]
    public async Task An_old_login_must_be_refreshed_before_privileged_changes()
    {
        var (email, _, token) = await UserAsync();
        var flow = await Server.NativeSettingsFlowAsync(token);
        fixture.Time.Advance(SettingsServerFixture.PrivilegedSessionMaxAge + TimeSpan.FromMinutes(1));

        var (status, body, response) = await Server.SubmitAsync(flow, token, PasswordBody(NewPassword));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("session_refresh_required", ErrorId(body));
        Assert.Equal("session_refresh_required", response.Headers.GetValues("Ory-Error-Id").Single());
        Assert.Equal("The login session is too old and thus not allowed to update these fields. Please re-authenticate.",
            body!["error"]!["reason"]!.GetValue<string>());
        var back = new Uri(Server.PublicUrl, $"self-service/settings?flow={flow["id"]}").ToString();
        Assert.Equal(new Uri(Server.PublicUrl, "self-service/login/browser") + "?refresh=true&return_to=" + Uri.EscapeDataString(back),
            body["redirect_browser_to"]!.GetValue<string>());

        // Traits that are neither identifiers nor addresses may change; the e-mail may not.
        Assert.Equal(HttpStatusCode.OK, (await Server.SubmitAsync(flow, token, ProfileBody(email, "Grace"))).Status);
        var (protectedChange, protectedBody, _) = await Server.SubmitAsync(flow, token, ProfileBody(HttpJson.Unique("moved"), "Grace"));
        Assert.Equal(HttpStatusCode.Forbidden, protectedChange);
        Assert.Equal("session_refresh_required", ErrorId(protectedBody));

        // A refreshing login with the same token renews authenticated_at; then the same submission passes.
        var (refreshed, refreshedBody) = await Server.NativeLoginAsync(email, Password, token);
        Assert.Equal(HttpStatusCode.OK, refreshed);
        Assert.Equal(token, refreshedBody!["session_token"]!.GetValue<string>());
        var (after, afterBody, _) = await Server.SubmitAsync(flow, token, PasswordBody(NewPassword));
        Assert.Equal(HttpStatusCode.OK, after);
        Assert.Equal("success", afterBody!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_identitys_flow_is_403()
    {
        var (_, _, owner) = await UserAsync();
        var (_, _, other) = await UserAsync();
        var flow = await Server.NativeSettingsFlowAsync(owner);

        var (get, getBody, _) = await Server.SendAsync(HttpMethod.Get, $"/self-service/settings/flows?id={flow["id"]}", other);
        Assert.Equal(HttpStatusCode.Forbidden, get);
        Assert.Equal("security_identity_mismatch", ErrorId(getBody));

        var (submit, submitBody, _) = await Server.SubmitAsync(flow, other, PasswordBody(NewPassword));
        Assert.Equal(HttpStatusCode.Forbidden, submit);
        Assert.Equal("security_identity_mismatch", ErrorId(submitBody));
    }

    [Fact]
    public async Task Unknown_and_expired_flows_answer_like_the_other_flows()
    {
        var (_, _, token) = await UserAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await Server.SendAsync(HttpMethod.Get, $"/self-service/settings/flows?id={Guid.NewGuid()}", token)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.SendAsync(HttpMethod.Get, "/self-service/settings/flows?id=nope", token)).Status);
        Assert.Equal(HttpStatusCode.NotFound,
            (await Server.SendAsync(HttpMethod.Post, $"/self-service/settings?flow={Guid.NewGuid()}", token, PasswordBody(NewPassword))).Status);

        var flow = await Server.NativeSettingsFlowAsync(token);
        fixture.Time.Advance(TimeSpan.FromMinutes(61));
        var (status, body, _) = await Server.SubmitAsync(flow, token, PasswordBody(NewPassword));
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Equal("self_service_flow_expired", ErrorId(body));
        var replacement = body!["use_flow_id"]!.GetValue<string>();
        Assert.NotEqual(flow["id"]!.GetValue<string>(), replacement);

        var (_, fresh, _) = await Server.SendAsync(HttpMethod.Get, $"/self-service/settings/flows?id={replacement}", token);
        Assert.Equal([4050001], GlobalMessageIds(fresh!));
        Assert.Equal("show_form", fresh!["state"]!.GetValue<string>());
        Assert.Equal(flow["identity"]!["id"]!.GetValue<string>(), fresh["identity"]!["id"]!.GetValue<string>());

        var (gone, goneBody, _) = await Server.SendAsync(HttpMethod.Get, $"/self-service/settings/flows?id={flow["id"]}", token);
        Assert.Equal(HttpStatusCode.Gone, gone);
        Assert.Equal(new Uri(Server.PublicUrl, "self-service/settings/api").ToString(), goneBody!["error"]!["details"]!["api"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_browser_request_on_an_api_flow_is_refused()
    {
        var (_, _, token) = await UserAsync();
        var flow = await Server.NativeSettingsFlowAsync(token);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/self-service/settings?flow={flow["id"]}")
        {
            Content = new StringContent(PasswordBody(NewPassword).ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Session-Token", token);
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await Server.Public.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Revoke_active_sessions_ends_the_other_sessions_after_a_password_change()
    {
        var server = await fixture.StartAnotherAsync(c => c["selfservice"]!["flows"]!["settings"]!["after"] =
            JsonNode.Parse("""{"password":{"hooks":[{"hook":"revoke_active_sessions"}]}}"""));
        var (email, _) = await server.CreateUserAsync();
        var first = await server.NativeTokenAsync(email);
        var second = await server.NativeTokenAsync(email);

        // The hook belongs to the password method: a profile change leaves the other sessions alone.
        var flow = await server.NativeSettingsFlowAsync(second);
        Assert.Equal(HttpStatusCode.OK, (await server.SubmitAsync(flow, second, ProfileBody(email, "Ada", "Byron"))).Status);
        Assert.Equal(HttpStatusCode.OK, await server.WhoamiAsync(first));

        Assert.Equal(HttpStatusCode.OK, (await server.SubmitAsync(flow, second, PasswordBody(NewPassword))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, await server.WhoamiAsync(first));
        Assert.Equal(HttpStatusCode.OK, await server.WhoamiAsync(second));
    }
}

public sealed class NativeSettingsTests_Sqlite(SqliteSettingsServerFixture fixture) : NativeSettingsTests(fixture), IClassFixture<SqliteSettingsServerFixture>;

public sealed class NativeSettingsTests_Postgres(PostgresSettingsServerFixture fixture) : NativeSettingsTests(fixture), IClassFixture<PostgresSettingsServerFixture>;
