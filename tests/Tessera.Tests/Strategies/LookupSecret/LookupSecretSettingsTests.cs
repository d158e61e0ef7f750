using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Strategies.LookupSecret.LookupSecretHttp;

namespace Tessera.Tests.Strategies.LookupSecret;

/// <summary>Making, confirming, revealing and disabling backup codes in settings (API.md §6.5, FLOWS.md §7.6), on SQLite and PostgreSQL.</summary>
public abstract partial class LookupSecretSettingsTests(LookupSecretServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    [GeneratedRegex("^[a-z0-9]{8}$")]
    private static partial Regex CodeShape();

    static long Label(JsonNode? node) => node!["meta"]!["label"]!["id"]!.GetValue<long>();

    static string[] LookupNodeNames(JsonNode flow) =>
        flow["ui"]!["nodes"]!.AsArray().Where(n => n!["group"]!.GetValue<string>() == "lookup_secret")
            .Select(n => n!["attributes"]!["name"]?.GetValue<string>() ?? n["attributes"]!["id"]!.GetValue<string>()).ToArray();

    Tessera.Identities.IdentityStore Store => (Tessera.Identities.IdentityStore)Server.Services.GetService(typeof(Tessera.Identities.IdentityStore))!;

    async Task<string> StoredConfigAsync(string id) =>
        (await Store.GetAsync(Guid.Parse(id), TestContext.Current.CancellationToken))!.Credentials["lookup_secret"].Config.ToJsonString();

    [Fact]
    public async Task Regenerate_shows_twelve_codes_confirm_saves_them_and_steps_the_session_up_then_reveal_and_disable()
    {
        var (email, id) = await Server.CreateUserAsync();
        var token = await Server.NativeTokenAsync(email);
        var flow = await Server.NativeSettingsFlowAsync(token);
        var start = Node(flow, "lookup_secret_regenerate")!;
        Assert.Equal("submit", start["attributes"]!["type"]!.GetValue<string>());
        Assert.Equal("true", start["attributes"]!["value"]!.GetValue<string>());
        Assert.Equal(1050008, Label(start));
        Assert.Null(Node(flow, "lookup_secret_reveal"));

        // Step 1: the codes wait in the flow; this is not a success.
        var (status, shown, _) = await Server.SubmitAsync(flow, token, new JsonObject { ["method"] = "lookup_secret", ["lookup_secret_regenerate"] = true });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("show_form", shown!["state"]!.GetValue<string>());
        Assert.Empty(GlobalMessageIds(shown));
        var list = ById(shown, "lookup_secret_codes")!;
        Assert.Equal("text", list["type"]!.GetValue<string>());
        Assert.Equal(1050010, Label(list));
        var text = list["attributes"]!["text"]!;
        Assert.Equal(1050015, text["id"]!.GetValue<long>());
        var codes = Codes(shown);
        Assert.Equal(12, codes.Length);
        Assert.All(codes, c => Assert.Matches(CodeShape(), c));
        Assert.Equal(12, codes.Distinct().Count());
        Assert.Equal(string.Join(", ", codes), text["text"]!.GetValue<string>());
        Assert.All(Secrets(shown), s => Assert.Equal(s!["text"]!.GetValue<string>(), s["context"]!["secret"]!.GetValue<string>()));
        Assert.Equal(1050011, Label(Node(shown, "lookup_secret_confirm")));
        Assert.Equal(["lookup_secret_codes", "lookup_secret_confirm"], LookupNodeNames(shown));
        Assert.DoesNotContain("lookup_secret_regenerated", shown.ToJsonString(), StringComparison.Ordinal);
        var (_, reread, _) = await Server.SendAsync(HttpMethod.Get, $"/self-service/settings/flows?id={flow["id"]}", token);
        Assert.Equal(codes, Codes(reread!));
        var (_, before, _) = await Server.Admin.GetJsonAsync($"/admin/identities/{id}");
        Assert.Null(before!["credentials"]!["lookup_secret"]);

        // Step 2: confirm stores them and proves them.
        var (ok, done, _) = await Server.SubmitAsync(flow, token, new JsonObject { ["method"] = "lookup_secret", ["lookup_secret_confirm"] = true });
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal("success", done!["state"]!.GetValue<string>());
        Assert.Equal([1050001], GlobalMessageIds(done));
        Assert.Equal(1050007, Label(Node(done, "lookup_secret_reveal")));
        Assert.Equal(1050016, Label(Node(done, "lookup_secret_disable")));
        Assert.Null(ById(done, "lookup_secret_codes"));

        var (_, session, _) = await Server.SendAsync(HttpMethod.Get, "/sessions/whoami", token);
        Assert.Equal("aal2", session!["authenticator_assurance_level"]!.GetValue<string>());
        Assert.Contains(session["authentication_methods"]!.AsArray(),
            m => m!["method"]!.GetValue<string>() == "lookup_secret" && m["aal"]!.GetValue<string>() == "aal2");

        // Sealed at rest; the admin API lists the credential (identifier = identity id) and, asked, the codes as Kratos does.
        var stored = await StoredConfigAsync(id);
        Assert.All(codes, c => Assert.DoesNotContain(c, stored, StringComparison.Ordinal));
        Assert.Contains("sealed:tx1:", stored, StringComparison.Ordinal);
        var (_, identity, _) = await Server.Admin.GetJsonAsync($"/admin/identities/{id}?include_credential=lookup_secret");
        var credential = identity!["credentials"]!["lookup_secret"]!;
        Assert.Equal(id, credential["identifiers"]![0]!.GetValue<string>());
        Assert.Equal(codes, credential["config"]!["recovery_codes"]!.AsArray().Select(c => c!["code"]!.GetValue<string>()));

        // Reveal shows the same codes again, with disable and regenerate, and is not a success either.
        var next = await Server.NativeSettingsFlowAsync(token);
        var (revealed, codesShown, _) = await Server.SubmitAsync(next, token, new JsonObject { ["lookup_secret_reveal"] = true });
        Assert.Equal(HttpStatusCode.OK, revealed);
        Assert.Equal("show_form", codesShown!["state"]!.GetValue<string>());
        Assert.Equal(codes, Codes(codesShown));
        Assert.Equal(["lookup_secret_codes", "lookup_secret_disable", "lookup_secret_regenerate"], LookupNodeNames(codesShown));

        // Disable removes the credential.
        var (disabled, off, _) = await Server.SubmitAsync(next, token, new JsonObject { ["method"] = "lookup_secret", ["lookup_secret_disable"] = true });
        Assert.Equal(HttpStatusCode.OK, disabled);
        Assert.Equal("success", off!["state"]!.GetValue<string>());
        Assert.Equal(["lookup_secret_regenerate"], LookupNodeNames(off));
        var (_, after, _) = await Server.Admin.GetJsonAsync($"/admin/identities/{id}");
        Assert.Null(after!["credentials"]!["lookup_secret"]);
        // Back to a password-only identity: a first-factor login is enough again.
        Assert.Equal(HttpStatusCode.OK, await Server.WhoamiAsync(await Server.NativeTokenAsync(email)));
    }

    [Fact]
    public async Task Confirm_without_regenerate_is_400_with_4000001()
    {
        var (email, _) = await Server.CreateUserAsync();
        var token = await Server.NativeTokenAsync(email);
        var flow = await Server.NativeSettingsFlowAsync(token);

        var (status, body, _) = await Server.SubmitAsync(flow, token, new JsonObject { ["method"] = "lookup_secret", ["lookup_secret_confirm"] = true });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = body!["ui"]!["messages"]![0]!;
        Assert.Equal(4000001, message["id"]!.GetValue<long>());
        Assert.Equal("You must (re-)generate recovery backup codes before you can save them.", message["text"]!.GetValue<string>());
        Assert.Equal("show_form", body["state"]!.GetValue<string>());
        var (_, identity, _) = await Server.Admin.GetJsonAsync($"/admin/identities/{await IdOf(email)}");
        Assert.Null(identity!["credentials"]!["lookup_secret"]);
    }

    [Fact]
    public async Task Reveal_without_codes_is_400_with_4000001()
    {
        var (email, _) = await Server.CreateUserAsync();
        var token = await Server.NativeTokenAsync(email);
        var flow = await Server.NativeSettingsFlowAsync(token);

        var (status, body, _) = await Server.SubmitAsync(flow, token, new JsonObject { ["lookup_secret_reveal"] = true });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4000001], GlobalMessageIds(body!));
        Assert.Equal("Can not reveal lookup codes because you have none.", body!["ui"]!["messages"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_flag_the_method_is_not_responsible()
    {
        var (email, _) = await Server.CreateUserAsync();
        var token = await Server.NativeTokenAsync(email);
        var flow = await Server.NativeSettingsFlowAsync(token);

        var (status, body, _) = await Server.SubmitAsync(flow, token, new JsonObject { ["method"] = "lookup_secret", ["lookup_secret_regenerate"] = false });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([4010004], GlobalMessageIds(body!));
    }

    [Fact]
    public async Task A_second_regenerate_replaces_the_codes_the_flow_will_confirm()
    {
        var (email, _) = await Server.CreateUserAsync();
        var token = await Server.NativeTokenAsync(email);
        var flow = await Server.NativeSettingsFlowAsync(token);
        var (_, first, _) = await Server.SubmitAsync(flow, token, new JsonObject { ["lookup_secret_regenerate"] = true });
        var (_, second, _) = await Server.SubmitAsync(flow, token, new JsonObject { ["lookup_secret_regenerate"] = true });
        Assert.Empty(Codes(first!).Intersect(Codes(second!)));
        Assert.Equal(HttpStatusCode.OK, (await Server.SubmitAsync(flow, token, new JsonObject { ["lookup_secret_confirm"] = true })).Status);

        var (refused, _) = await Server.StepUpAsync(await Server.NativeTokenAsync(email), Codes(first!)[0]);
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal(HttpStatusCode.OK, (await Server.StepUpAsync(await Server.NativeTokenAsync(email), Codes(second!)[0])).Status);
    }

    [Theory]
    [InlineData("lookup_secret_regenerate")]
    [InlineData("lookup_secret_confirm")]
    [InlineData("lookup_secret_reveal")]
    [InlineData("lookup_secret_disable")]
    public async Task Every_action_without_a_recent_login_asks_for_a_refresh(string flag)
    {
        var (email, _) = await Server.CreateUserAsync();
        var token = await Server.NativeTokenAsync(email);
        var flow = await Server.NativeSettingsFlowAsync(token);
        fixture.Time.Advance(SettingsServerFixture.PrivilegedSessionMaxAge + TimeSpan.FromMinutes(1));

        var (status, body, _) = await Server.SubmitAsync(flow, token, new JsonObject { [flag] = true });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("session_refresh_required", ErrorId(body));
    }

    [Fact]
    public async Task Browser_form_posts_return_to_the_settings_ui_and_an_old_login_goes_to_a_refreshing_login()
    {
        var (email, _) = await Server.CreateUserAsync();
        var browser = new SettingsBrowser(Server);
        using (var login = await browser.LoginAsync(email))
        {
            Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        }

        using var init = await browser.SendAsync(HttpMethod.Get, "/self-service/settings/browser");
        var id = init.Headers.Location!.ToString().Split("flow=")[1];
        var flow = await browser.JsonAsync(HttpMethod.Get, $"/self-service/settings/flows?id={id}");
        var ui = SettingsServerFixture.Ui + $"settings?flow={id}";

        using var regenerate = await browser.SendAsync(HttpMethod.Post, $"/self-service/settings?flow={id}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("lookup_secret_regenerate", "true")));
        Assert.Equal(HttpStatusCode.SeeOther, regenerate.StatusCode);
        Assert.Equal(ui, regenerate.Headers.Location!.ToString());
        var shown = await browser.JsonAsync(HttpMethod.Get, $"/self-service/settings/flows?id={id}");
        Assert.Equal("show_form", shown["state"]!.GetValue<string>());
        var codes = Codes(shown);
        Assert.Equal(12, codes.Length);

        using var confirm = await browser.SendAsync(HttpMethod.Post, $"/self-service/settings?flow={id}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("lookup_secret_confirm", "true")));
        Assert.Equal(HttpStatusCode.SeeOther, confirm.StatusCode);
        Assert.Equal(ui, confirm.Headers.Location!.ToString());
        var done = await browser.JsonAsync(HttpMethod.Get, $"/self-service/settings/flows?id={id}");
        Assert.Equal("success", done["state"]!.GetValue<string>());
        var session = await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami");
        Assert.Equal("aal2", session["authenticator_assurance_level"]!.GetValue<string>());

        // Without CSRF token the form post is refused.
        using var forged = await browser.SendAsync(HttpMethod.Post, $"/self-service/settings?flow={id}", SettingsBrowser.Form(("lookup_secret_reveal", "true")));
        Assert.Equal(HttpStatusCode.SeeOther, forged.StatusCode);
        Assert.StartsWith(SettingsServerFixture.Ui + "error?id=", forged.Headers.Location!.ToString(), StringComparison.Ordinal);

        fixture.Time.Advance(SettingsServerFixture.PrivilegedSessionMaxAge + TimeSpan.FromMinutes(1));
        using var reveal = await browser.SendAsync(HttpMethod.Post, $"/self-service/settings?flow={id}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("lookup_secret_reveal", "true")));
        Assert.Equal(HttpStatusCode.SeeOther, reveal.StatusCode);
        Assert.StartsWith(new Uri(Server.PublicUrl, "self-service/login/browser") + "?refresh=true", reveal.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spa_json_submissions_answer_200_flows_and_confirm_carries_the_redirect()
    {
        var (email, _) = await Server.CreateUserAsync();
        var browser = new SettingsBrowser(Server);
        using (var login = await browser.LoginAsync(email))
        {
            Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        }

        var flow = await browser.SettingsFlowAsync();
        var path = $"/self-service/settings?flow={flow["id"]}";
        var shown = await browser.JsonAsync(HttpMethod.Post, path, HttpStatusCode.OK,
            new JsonObject { ["csrf_token"] = CsrfToken(flow), ["method"] = "lookup_secret", ["lookup_secret_regenerate"] = true });
        Assert.Equal("show_form", shown["state"]!.GetValue<string>());
        Assert.Equal(12, Codes(shown).Length);

        var done = await browser.JsonAsync(HttpMethod.Post, path, HttpStatusCode.OK,
            new JsonObject { ["csrf_token"] = CsrfToken(flow), ["method"] = "lookup_secret", ["lookup_secret_confirm"] = true });
        Assert.Equal("success", done["state"]!.GetValue<string>());
        Assert.Equal("redirect_browser_to", done["continue_with"]![0]!["action"]!.GetValue<string>());

        var refused = await browser.JsonAsync(HttpMethod.Post, path, HttpStatusCode.BadRequest,
            new JsonObject { ["csrf_token"] = CsrfToken(flow), ["lookup_secret_confirm"] = true });
        Assert.Equal([4000001], GlobalMessageIds(refused));
    }

    [Fact]
    public async Task Imported_codes_are_sealed_appended_to_existing_ones_and_usable()
    {
        var email = HttpJson.Unique("import");
        var created = await Server.CreateIdentityAsync(new JsonObject
        {
            ["traits"] = new JsonObject { ["email"] = email },
            ["credentials"] = new JsonObject
            {
                ["password"] = new JsonObject { ["config"] = new JsonObject { ["password"] = SettingsHttp.Password } },
                ["lookup_secret"] = new JsonObject { ["config"] = new JsonObject { ["codes"] = new JsonArray(new JsonObject { ["code"] = "imported1" }) } },
            },
        });
        var id = created["id"]!.GetValue<string>();
        Assert.DoesNotContain("imported1", await StoredConfigAsync(id), StringComparison.Ordinal);

        var (status, _, _) = await Server.Admin.SendAsync(HttpMethod.Put, $"/admin/identities/{id}", (JsonNode)new JsonObject
        {
            ["traits"] = new JsonObject { ["email"] = email },
            ["credentials"] = new JsonObject
            {
                ["lookup_secret"] = new JsonObject { ["config"] = new JsonObject { ["codes"] = new JsonArray(new JsonObject { ["code"] = "imported2" }) } },
            },
        });
        Assert.Equal(HttpStatusCode.OK, status);
        var stored = await StoredConfigAsync(id);
        Assert.DoesNotContain("imported", stored, StringComparison.Ordinal);
        Assert.Equal(2, JsonNode.Parse(stored)!["recovery_codes"]!.AsArray().Count);

        Assert.Equal(HttpStatusCode.OK, (await Server.StepUpAsync(await Server.NativeTokenAsync(email), "imported1")).Status);
        var token = await Server.Aal2TokenAsync(email, "imported2");
        var flow = await Server.NativeSettingsFlowAsync(token);
        var (_, revealed, _) = await Server.SubmitAsync(flow, token, new JsonObject { ["lookup_secret_reveal"] = true });
        Assert.Equal([1050014, 1050014], Secrets(revealed!).Select(s => s!["id"]!.GetValue<long>()));
    }

    async Task<string> IdOf(string email)
    {
        var (_, list, _) = await Server.Admin.GetJsonAsync($"/admin/identities?credentials_identifier={Uri.EscapeDataString(email)}");
        return list![0]!["id"]!.GetValue<string>();
    }
}

public sealed class LookupSecretSettingsTests_Sqlite(SqliteLookupSecretServerFixture fixture)
    : LookupSecretSettingsTests(fixture), IClassFixture<SqliteLookupSecretServerFixture>;

public sealed class LookupSecretSettingsTests_Postgres(PostgresLookupSecretServerFixture fixture)
    : LookupSecretSettingsTests(fixture), IClassFixture<PostgresLookupSecretServerFixture>;
