using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Recovery.RecoveryHttp;
using static Tessera.Tests.Flows.Settings.SettingsHttp;

namespace Tessera.Tests.Flows.Recovery;

/// <summary>Recovery an administrator starts: <c>POST /admin/recovery/code</c> and <c>/admin/recovery/link</c> (API.md §7.8), on SQLite and PostgreSQL.</summary>
public abstract class AdminRecoveryTests(CodeFlowServerFixture fixture)
{
    const string Ui = CodeFlowServerFixture.Ui;

    TesseraServer Server => fixture.Require();

    static string Location(HttpResponseMessage response) => response.Headers.Location!.ToString();

    [Fact]
    public async Task An_admin_code_opens_a_browser_flow_that_needs_no_csrf_cookie()
    {
        var (_, id) = await Server.CreateUserAsync();
        var before = fixture.Time.GetUtcNow();
        var (status, body, _) = await Server.Admin.PostJsonAsync("/admin/recovery/code", new JsonObject { ["identity_id"] = id });

        Assert.Equal(HttpStatusCode.Created, status);
        var link = body!["recovery_link"]!.GetValue<string>();
        Assert.StartsWith(Ui + "recovery?flow=", link);
        var code = body["recovery_code"]!.GetValue<string>();
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal(before + CodeFlowServerFixture.CodeLifespan, DateTimeOffset.Parse(body["expires_at"]!.GetValue<string>()));
        var flowId = link.Split("flow=")[1];

        // The user's browser has never seen this flow: neither reading nor submitting it asks for the CSRF cookie.
        var browser = new SettingsBrowser(Server);
        var flow = await browser.JsonAsync(HttpMethod.Get, $"/self-service/recovery/flows?id={flowId}");
        Assert.Equal(("browser", "sent_email", "code"), (flow["type"]!.GetValue<string>(), flow["state"]!.GetValue<string>(), flow["active"]!.GetValue<string>()));
        var names = flow["ui"]!["nodes"]!.AsArray().Select(n => $"{n!["attributes"]!["name"]}:{n["attributes"]!["type"]}").ToArray();
        Assert.Equal(["code:text", "method:submit"], names);

        using var done = await browser.SendAsync(HttpMethod.Post, $"/self-service/recovery?flow={flowId}", SettingsBrowser.Form(("code", code), ("method", "code")));
        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        Assert.StartsWith(Ui + "settings?flow=", Location(done));
        Assert.NotNull(CookieJar.SetCookie(done, "ory_kratos_session"));

        // An administrator's code proves no address.
        Assert.False((await Server.IdentityAsync(id))["verifiable_addresses"]![0]!["verified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_admin_code_for_an_api_flow_hands_out_a_session_token()
    {
        var (_, id) = await Server.CreateUserAsync();
        var before = fixture.Time.GetUtcNow();
        var (status, body, _) = await Server.Admin.PostJsonAsync("/admin/recovery/code",
            new JsonObject { ["identity_id"] = id, ["expires_in"] = "5m", ["flow_type"] = "api" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(before + TimeSpan.FromMinutes(5), DateTimeOffset.Parse(body!["expires_at"]!.GetValue<string>()));
        var flowId = body["recovery_link"]!.GetValue<string>().Split("flow=")[1];

        var (submitted, result, _) = await Server.SendAsync(HttpMethod.Post, $"/self-service/recovery?flow={flowId}", null,
            Code(body["recovery_code"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, submitted);
        Assert.Equal("api", result!["type"]!.GetValue<string>());
        var token = result["continue_with"]![0]!["ory_session_token"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, await Server.WhoamiAsync(token));
    }

    [Fact]
    public async Task Bad_admin_requests_are_400_and_an_unknown_identity_404()
    {
        var (_, id) = await Server.CreateUserAsync();
        async Task<(HttpStatusCode, string?)> Post(string path, JsonNode body)
        {
            var (status, answer, _) = await Server.Admin.PostJsonAsync(path, body);
            return (status, answer?["error"]?["reason"]?.GetValue<string>());
        }

        Assert.Equal((HttpStatusCode.NotFound, "could not find identity"), await Post("/admin/recovery/code", new JsonObject { ["identity_id"] = Guid.NewGuid().ToString() }));
        Assert.Equal(HttpStatusCode.NotFound, (await Post("/admin/recovery/code", new JsonObject())).Item1);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("/admin/recovery/code", new JsonObject { ["identity_id"] = "not-a-uuid" })).Item1);
        Assert.Equal((HttpStatusCode.BadRequest, "Unable to parse \"expires_in\" as a duration string (e.g. \"1h\", \"1m30s\", \"500ms\"): soon"),
            await Post("/admin/recovery/code", new JsonObject { ["identity_id"] = id, ["expires_in"] = "soon" }));
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("/admin/recovery/code", new JsonObject { ["identity_id"] = id, ["expires_in"] = "-1h" })).Item1);
        Assert.Equal((HttpStatusCode.BadRequest, "Value from \"flow_type\" is not valid: \"spa\""),
            await Post("/admin/recovery/code", new JsonObject { ["identity_id"] = id, ["flow_type"] = "spa" }));
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("/admin/recovery/code", new JsonArray())).Item1);
        Assert.Equal((HttpStatusCode.BadRequest, "The requested identity id does not exist."),
            await Post("/admin/recovery/link", new JsonObject { ["identity_id"] = Guid.NewGuid().ToString() }));
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("/admin/recovery/link", new JsonObject { ["identity_id"] = id, ["expires_in"] = "0s" })).Item1);

        using var text = await Server.Admin.PostAsync("/admin/recovery/code", new StringContent("identity_id=x", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
    }

    [Fact]
    public async Task An_admin_link_logs_the_user_in_once()
    {
        var (_, id) = await Server.CreateUserAsync();
        var (status, body, _) = await Server.Admin.PostJsonAsync("/admin/recovery/link", new JsonObject { ["identity_id"] = id, ["expires_in"] = "12h" });
        Assert.Equal(HttpStatusCode.OK, status);
        var link = new Uri(body!["recovery_link"]!.GetValue<string>());
        Assert.Equal(new Uri(Server.PublicUrl, "self-service/recovery").AbsoluteUri, link.GetLeftPart(UriPartial.Path));
        Assert.Matches("^\\?flow=[0-9a-f-]{36}&token=[A-Za-z0-9]{32}$", link.Query);
        Assert.Equal(fixture.Time.GetUtcNow() + TimeSpan.FromHours(12), DateTimeOffset.Parse(body["expires_at"]!.GetValue<string>()));

        var browser = new SettingsBrowser(Server);
        using var opened = await browser.SendAsync(HttpMethod.Get, link.PathAndQuery);
        Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
        Assert.StartsWith(Ui + "settings?flow=", Location(opened));
        var whoami = await browser.JsonAsync(HttpMethod.Get, "/sessions/whoami");
        Assert.Equal("link_recovery", whoami["authentication_methods"]![0]!["method"]!.GetValue<string>());
        var settings = await browser.JsonAsync(HttpMethod.Get, $"/self-service/settings/flows?id={Location(opened).Split("flow=")[1]}");
        Assert.Equal([1060001], GlobalMessageIds(settings));

        // Used once: the second visit lands on a new recovery flow that says so.
        var other = new SettingsBrowser(Server);
        using var again = await other.SendAsync(HttpMethod.Get, link.PathAndQuery);
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.StartsWith(Ui + "recovery?flow=", Location(again));
        var replacement = await other.JsonAsync(HttpMethod.Get, $"/self-service/recovery/flows?id={Location(again).Split("flow=")[1]}");
        Assert.Equal([4060004], GlobalMessageIds(replacement));
    }
}

public sealed class AdminRecoveryTests_Sqlite(SqliteCodeFlowServerFixture fixture) : AdminRecoveryTests(fixture), IClassFixture<SqliteCodeFlowServerFixture>;

public sealed class AdminRecoveryTests_Postgres(PostgresCodeFlowServerFixture fixture) : AdminRecoveryTests(fixture), IClassFixture<PostgresCodeFlowServerFixture>;
