using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Recovery.RecoveryHttp;
using static Tessera.Tests.Flows.Settings.SettingsHttp;

namespace Tessera.Tests.Flows.Recovery;

/// <summary>
/// Recovery under other settings, each on a server of its own: Kratos's legacy answers without continue-with
/// transitions, notices to unknown addresses, the link method, and recovery or a method switched off.
/// </summary>
public abstract class RecoveryConfigTests(CodeFlowServerFixture fixture)
{
    const string Ui = CodeFlowServerFixture.Ui;

    static string Location(HttpResponseMessage response) => response.Headers.Location!.ToString();

    [Fact]
    public async Task Without_continue_with_transitions_json_clients_get_422_and_redirects_as_in_kratos()
    {
        var server = await fixture.StartAnotherAsync(c => c["feature_flags"] = new JsonObject());
        var (email, _) = await server.CreateUserAsync();
        var flow = await server.NativeRecoveryFlowAsync();
        await server.SubmitRecoveryAsync(flow, Email(email));
        var code = CodeMail.Code(await fixture.Smtp.MailAsync(email));

        var (status, body, _) = await server.SubmitRecoveryAsync(flow, Code(code));
        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("browser_location_change_required", ErrorId(body));
        var target = body!["redirect_browser_to"]!.GetValue<string>();
        Assert.StartsWith(Ui + "settings?flow=", target);
        Assert.Equal($"In order to complete this flow please redirect the browser to: {target}", body["error"]!["reason"]!.GetValue<string>());

        // A flow that cannot go on sends JSON clients to the new flow's JSON.
        var (again, _, response) = await server.SubmitRecoveryAsync(flow, Code(code));
        Assert.Equal(HttpStatusCode.SeeOther, again);
        Assert.StartsWith(new Uri(server.PublicUrl, "self-service/recovery/flows?id=").AbsoluteUri, Location(response));
        var (_, replacement, _) = await server.Public.GetJsonAsync(Location(response));
        Assert.Equal([4060001], GlobalMessageIds(replacement!));
    }

    [Fact]
    public async Task With_notify_unknown_recipients_an_unknown_address_is_told_no_account_uses_it()
    {
        var server = await fixture.StartAnotherAsync(c => c["selfservice"]!["flows"]!["recovery"]!["notify_unknown_recipients"] = true);
        var unknown = HttpJson.Unique("nobody");
        var flow = await server.NativeRecoveryFlowAsync();
        var (status, body, _) = await server.SubmitRecoveryAsync(flow, Email(unknown));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([1060003], GlobalMessageIds(body!));
        var mail = await fixture.Smtp.MailAsync(unknown);
        Assert.Equal("Account access attempted", mail.Message.Subject);
        Assert.Equal("recovery_code_invalid", (await server.MessagesAsync(unknown)).Single()!["template_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_link_method_mails_a_link_that_logs_in_and_verifies_the_address()
    {
        var server = await fixture.StartAnotherAsync(c => c["selfservice"]!["flows"]!["recovery"]!["use"] = "link");
        var (email, id) = await server.CreateUserAsync();
        var browser = new SettingsBrowser(server);
        var flow = await browser.JsonAsync(HttpMethod.Get, "/self-service/recovery/browser");
        Assert.Equal("link", flow["active"]!.GetValue<string>());
        Assert.Equal(["default:csrf_token", "link:email", "link:method"],
            flow["ui"]!["nodes"]!.AsArray().Select(n => $"{n!["group"]}:{n["attributes"]!["name"]}"));

        using var sent = await browser.SendAsync(HttpMethod.Post, $"/self-service/recovery?flow={flow["id"]}",
            SettingsBrowser.Form(("csrf_token", CsrfToken(flow)), ("email", email), ("method", "link")));
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        var shown = await browser.JsonAsync(HttpMethod.Get, $"/self-service/recovery/flows?id={flow["id"]}");
        Assert.Equal(("sent_email", 1060002L), (shown["state"]!.GetValue<string>(), GlobalMessageIds(shown).Single()));

        var mail = await fixture.Smtp.MailAsync(email);
        Assert.Equal("Recover access to your account", mail.Message.Subject);
        var link = new Uri(CodeMail.Link(mail));
        Assert.Equal(new Uri(server.PublicUrl, "self-service/recovery").AbsoluteUri + $"?flow={flow["id"]}&token=", link.AbsoluteUri[..^32]);

        using var opened = await browser.SendAsync(HttpMethod.Get, link.PathAndQuery);
        Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
        Assert.StartsWith(Ui + "settings?flow=", Location(opened));
        Assert.NotNull(CookieJar.SetCookie(opened, "ory_kratos_session"));
        Assert.True((await server.IdentityAsync(id))["verifiable_addresses"]![0]!["verified"]!.GetValue<bool>());

        using var wrong = await browser.SendAsync(HttpMethod.Get, $"/self-service/recovery?flow={flow["id"]}&token=not-the-token");
        Assert.StartsWith(Ui + "recovery?flow=", Location(wrong));
        var replacement = await browser.JsonAsync(HttpMethod.Get, $"/self-service/recovery/flows?id={Location(wrong).Split("flow=")[1]}");
        Assert.Equal([4060004], GlobalMessageIds(replacement));
    }

    [Fact]
    public async Task Switched_off_recovery_and_methods_answer_400_and_404()
    {
        var server = await fixture.StartAnotherAsync(c =>
        {
            c["selfservice"]!["flows"]!["recovery"]!["enabled"] = false;
            c["selfservice"]!["methods"]!["code"]!["enabled"] = false;
            c["selfservice"]!["methods"]!["link"]!["enabled"] = false;
        });
        var (_, id) = await server.CreateUserAsync();

        var (api, apiBody, _) = await server.SendAsync(HttpMethod.Get, "/self-service/recovery/api", null);
        Assert.Equal(HttpStatusCode.BadRequest, api);
        Assert.Equal("Recovery is not allowed because it was disabled.", apiBody!["error"]!["reason"]!.GetValue<string>());
        var (browser, _, _) = await server.SendAsync(HttpMethod.Get, "/self-service/recovery/browser", null);
        Assert.Equal(HttpStatusCode.BadRequest, browser);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.SendAsync(HttpMethod.Get, $"/self-service/recovery/flows?id={Guid.NewGuid()}", null)).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await server.Admin.PostJsonAsync("/admin/recovery/code", new JsonObject { ["identity_id"] = id })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Admin.PostJsonAsync("/admin/recovery/link", new JsonObject { ["identity_id"] = id })).Status);
    }
}

public sealed class RecoveryConfigTests_Sqlite(SqliteCodeFlowServerFixture fixture) : RecoveryConfigTests(fixture), IClassFixture<SqliteCodeFlowServerFixture>;

public sealed class RecoveryConfigTests_Postgres(PostgresCodeFlowServerFixture fixture) : RecoveryConfigTests(fixture), IClassFixture<PostgresCodeFlowServerFixture>;
