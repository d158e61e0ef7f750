using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Strategies.Totp.TotpHttp;

namespace Tessera.Tests.Strategies.Totp;

/// <summary>Setting TOTP up and removing it in the settings flow (API.md §6.4, FLOWS.md §7.5), on SQLite and PostgreSQL.</summary>
public abstract class TotpSettingsTests(TotpServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    static JsonNode? ById(JsonNode flow, string id) =>
        flow["ui"]!["nodes"]!.AsArray().FirstOrDefault(n => n!["attributes"]!["id"]?.GetValue<string>() == id);

    [Fact]
    public async Task A_settings_flow_offers_a_qr_code_the_secret_and_a_code_field_and_keeps_the_same_key()
    {
        var (email, _) = await Server.CreateUserAsync();
        var token = await Server.NativeTokenAsync(email);
        var flow = await Server.NativeSettingsFlowAsync(token);

        var qr = ById(flow, "totp_qr")!;
        Assert.Equal("img", qr["type"]!.GetValue<string>());
        Assert.Equal("totp", qr["group"]!.GetValue<string>());
        Assert.StartsWith("data:image/png;base64,iVBORw0KGgo", qr["attributes"]!["src"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(256, qr["attributes"]!["width"]!.GetValue<int>());
        Assert.Equal(1050005, qr["meta"]!["label"]!["id"]!.GetValue<long>());

        var text = ById(flow, "totp_secret_key")!;
        var secret = text["attributes"]!["text"]!;
        Assert.Equal(1050006, secret["id"]!.GetValue<long>());
        Assert.Equal(32, secret["text"]!.GetValue<string>().Length);
        Assert.Equal(secret["text"]!.GetValue<string>(), secret["context"]!["secret"]!.GetValue<string>());
        Assert.Equal(1050017, text["meta"]!["label"]!["id"]!.GetValue<long>());

        var code = Node(flow, "totp_code")!;
        Assert.True(code["attributes"]!["required"]!.GetValue<bool>());
        Assert.Equal(1070006, code["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.Equal(1070003, Node(flow, "method", "totp")!["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.DoesNotContain("totp_pending_url", flow.ToJsonString(), StringComparison.Ordinal);

        var (_, again, _) = await Server.SendAsync(HttpMethod.Get, $"/self-service/settings/flows?id={flow["id"]}", token);
        Assert.Equal(Secret(flow), Secret(again!));
    }

    [Fact]
    public async Task Enrolment_wants_a_code_refuses_a_wrong_one_and_then_steps_the_session_up_to_aal2()
    {
        var (email, id) = await Server.CreateUserAsync();
        var token = await Server.NativeTokenAsync(email);
        var (_, before, _) = await Server.SendAsync(HttpMethod.Get, "/sessions/whoami", token);
        var flow = await Server.NativeSettingsFlowAsync(token);
        var secret = Secret(flow);
        fixture.Time.Advance(TimeSpan.FromSeconds(5));

        var (missing, missingBody, _) = await Server.SubmitAsync(flow, token, new JsonObject { ["method"] = "totp" });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal([4000002], NodeMessageIds(missingBody!, "totp_code"));

        var wrongCode = Code(secret, fixture.Time) == "000000" ? "111111" : "000000";
        var (wrong, wrongBody, _) = await Server.SubmitAsync(flow, token, new JsonObject { ["method"] = "totp", ["totp_code"] = wrongCode });
        Assert.Equal(HttpStatusCode.BadRequest, wrong);
        Assert.Equal([4000008], NodeMessageIds(wrongBody!, "totp_code"));
        Assert.Equal(secret, Secret(wrongBody!));

        var (ok, done, _) = await Server.SubmitAsync(flow, token, new JsonObject { ["method"] = "totp", ["totp_code"] = Code(secret, fixture.Time) });
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal("success", done!["state"]!.GetValue<string>());
        Assert.Equal([1050001], GlobalMessageIds(done));
        Assert.Equal(1050004, Node(done, "totp_unlink")!["meta"]!["label"]!["id"]!.GetValue<long>());
        Assert.Null(ById(done, "totp_qr"));

        var (_, session, _) = await Server.SendAsync(HttpMethod.Get, "/sessions/whoami", token);
        Assert.Equal("aal2", session!["authenticator_assurance_level"]!.GetValue<string>());
        // As Kratos's SessionAddAuthenticationMethods: authenticated_at moves, the lifetime and devices stay.
        Assert.NotEqual(before!["authenticated_at"]!.GetValue<DateTime>(), session["authenticated_at"]!.GetValue<DateTime>());
        Assert.Equal(before["expires_at"]!.GetValue<DateTime>(), session["expires_at"]!.GetValue<DateTime>());
        Assert.Equal(before["devices"]!.AsArray().Count, session["devices"]!.AsArray().Count);
        Assert.Contains(session["authentication_methods"]!.AsArray(), m => m!["method"]!.GetValue<string>() == "totp" && m["aal"]!.GetValue<string>() == "aal2");

        // The admin API lists the credential (identifier = identity id) and, asked with include_credential, shows the
        // URL in clear as Kratos does (stored encrypted: TotpAdminTests).
        var (_, identity, _) = await Server.Admin.GetJsonAsync($"/admin/identities/{id}?include_credential=totp");
        var credential = identity!["credentials"]!["totp"]!;
        Assert.Equal(id, credential["identifiers"]![0]!.GetValue<string>());
        var url = credential["config"]!["totp_url"]!.GetValue<string>();
        Assert.Equal("otpauth://totp/Tessera%20Tests:" + id + "?algorithm=SHA1&digits=6&issuer=Tessera+Tests&period=30&secret=" + secret, url);
        var (_, plain, _) = await Server.Admin.GetJsonAsync($"/admin/identities/{id}");
        Assert.DoesNotContain(secret, plain!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trait_marked_as_totp_account_name_names_the_account_in_the_otpauth_url()
    {
        var email = HttpJson.Unique("account");
        var created = await Server.CreateIdentityAsync(new JsonObject
        {
            ["schema_id"] = "totp-account",
            ["traits"] = new JsonObject { ["email"] = email },
            ["credentials"] = HttpJson.Password(Flows.Settings.SettingsHttp.Password),
        });
        var token = await Server.NativeTokenAsync(email);
        await Server.EnrolAsync(token, fixture.Time);

        var (_, identity, _) = await Server.Admin.GetJsonAsync($"/admin/identities/{created["id"]}?include_credential=totp");
        Assert.StartsWith($"otpauth://totp/Tessera%20Tests:{email}?", identity!["credentials"]!["totp"]!["config"]!["totp_url"]!.GetValue<string>(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_secret_is_stored_encrypted()
    {
        var (email, id) = await Server.CreateUserAsync();
        var secret = await Server.EnrolAsync(await Server.NativeTokenAsync(email), fixture.Time);

        var store = (Tessera.Identities.IdentityStore)Server.Services.GetService(typeof(Tessera.Identities.IdentityStore))!;
        var stored = (await store.GetAsync(Guid.Parse(id), TestContext.Current.CancellationToken))!.Credentials["totp"].Config.ToJsonString();
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("otpauth", stored, StringComparison.Ordinal);
        Assert.Contains("tx1:", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlinking_removes_the_credential_and_offers_a_new_key()
    {
        var (email, id) = await Server.CreateUserAsync();
        var token = await Server.NativeTokenAsync(email);
        await Server.EnrolAsync(token, fixture.Time);

        var flow = await Server.NativeSettingsFlowAsync(token);
        Assert.NotNull(Node(flow, "totp_unlink"));
        var (status, done, _) = await Server.SubmitAsync(flow, token, new JsonObject { ["method"] = "totp", ["totp_unlink"] = true });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("success", done!["state"]!.GetValue<string>());
        Assert.NotNull(ById(done, "totp_qr"));

        var (_, identity, _) = await Server.Admin.GetJsonAsync($"/admin/identities/{id}");
        Assert.Null(identity!["credentials"]!["totp"]);
        // Back to a password-only identity: a first-factor login is enough again.
        Assert.Equal(HttpStatusCode.OK, await Server.WhoamiAsync(await Server.NativeTokenAsync(email)));
    }

    [Fact]
    public async Task Settings_with_highest_available_refuses_an_aal1_session_of_an_identity_with_totp()
    {
        var (email, _, secret) = await Server.UserWithTotpAsync(fixture.Time);
        var token = await Server.NativeTokenAsync(email);

        var (status, body, _) = await Server.SendAsync(HttpMethod.Get, "/self-service/settings/api", token);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("session_aal2_required", ErrorId(body));

        Assert.Equal(HttpStatusCode.OK, (await Server.StepUpAsync(token, Code(secret, fixture.Time))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Server.SendAsync(HttpMethod.Get, "/self-service/settings/api", token)).Status);
    }

    [Fact]
    public async Task Settings_without_a_recent_login_asks_for_a_refresh()
    {
        var (email, _) = await Server.CreateUserAsync();
        var token = await Server.NativeTokenAsync(email);
        var flow = await Server.NativeSettingsFlowAsync(token);
        fixture.Time.Advance(TimeSpan.FromMinutes(16));

        var (status, body, _) = await Server.SubmitAsync(flow, token, new JsonObject { ["method"] = "totp", ["totp_code"] = "123456" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("session_refresh_required", ErrorId(body));
    }
}

public sealed class TotpSettingsTests_Sqlite(SqliteTotpServerFixture fixture) : TotpSettingsTests(fixture), IClassFixture<SqliteTotpServerFixture>;

public sealed class TotpSettingsTests_Postgres(PostgresTotpServerFixture fixture) : TotpSettingsTests(fixture), IClassFixture<PostgresTotpServerFixture>;
