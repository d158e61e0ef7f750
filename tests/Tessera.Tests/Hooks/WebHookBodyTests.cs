using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Hooks.WebHookHttp;

namespace Tessera.Tests.Hooks;

/// <summary>
/// Web hook bodies: the Jsonnet template evaluated with <c>ctx</c> (API.md §12.2) as JSON or form fields, and a template's
/// <c>error "cancel"</c> skipping the call. On SQLite.
/// </summary>
public sealed class WebHookBodyTests
{
    static string Template(string jsonnet) => "base64://" + Convert.ToBase64String(Encoding.UTF8.GetBytes(jsonnet));

    static Task<TesseraServer> StartAsync(Action<JsonObject> configure) => WebHookHttp.StartAsync(TestDatabase.Sqlite(), configure);

    [Fact]
    public async Task A_registration_hook_gets_ctx_with_the_flow_the_identity_and_only_allow_listed_headers()
    {
        await using var receiver = WebHookReceiver.Start();
        await using var server = await StartAsync(c => SetHooks(c, "registration", "after.password",
            WebHook(receiver.At("ctx"), $$"""{"body":"{{Template("function(ctx) ctx")}}"}"""), SessionHook()));
        // An SPA: a browser flow answered as JSON, so that the request carries cookies.
        var jar = new CookieJar();
        using var init = new HttpRequestMessage(HttpMethod.Get, "/self-service/registration/browser");
        init.Headers.Accept.ParseAdd("application/json");
        using var initResponse = await server.Public.SendAsync(init);
        jar.Take(initResponse);
        var flow = JsonNode.Parse(await initResponse.Content.ReadAsStringAsync())!;
        var email = HttpJson.Unique("ctx");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/self-service/registration?flow={flow["id"]}")
        {
            Content = new StringContent(new JsonObject
            {
                ["csrf_token"] = CsrfToken(flow), ["method"] = "password", ["password"] = Password, ["traits"] = new JsonObject { ["email"] = email },
                ["transient_payload"] = new JsonObject { ["campaign"] = "spring" },
            }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Add("User-Agent", "tessera-tests/1.0");
        request.Headers.Add("Accept-Language", "de-CH");
        request.Headers.Add("X-Internal-Secret", "never forwarded");
        request.Headers.Add("Cookie", string.Join("; ", jar.Cookies.Select(c => c.Key + "=" + c.Value).Append("theme=dark")));
        using var response = await server.Public.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var call = Assert.Single(receiver.CallsTo("ctx"));
        Assert.StartsWith("application/json", call.Header("Content-Type"));
        var ctx = JsonNode.Parse(call.Body)!;
        Assert.Equal(body["identity"]!["id"]!.GetValue<string>(), ctx["identity"]!["id"]!.GetValue<string>());
        Assert.Equal("browser", ctx["flow"]!["type"]!.GetValue<string>());
        Assert.Equal(email, ctx["identity"]!["traits"]!["email"]!.GetValue<string>());
        Assert.Null(ctx["identity"]!["credentials"]);
        Assert.Equal(flow["id"]!.GetValue<string>(), ctx["flow"]!["id"]!.GetValue<string>());
        Assert.Equal("spring", ctx["flow"]!["transient_payload"]!["campaign"]!.GetValue<string>());
        Assert.Equal("POST", ctx["request_method"]!.GetValue<string>());
        Assert.Equal(new Uri(server.PublicUrl, $"self-service/registration?flow={flow["id"]}").ToString(), ctx["request_url"]!.GetValue<string>());
        Assert.Equal("dark", ctx["request_cookies"]!["theme"]!.GetValue<string>());
        var headers = ctx["request_headers"]!.AsObject();
        Assert.Equal("tessera-tests/1.0", headers["User-Agent"]![0]!.GetValue<string>());
        Assert.Equal("de-CH", headers["Accept-Language"]![0]!.GetValue<string>());
        Assert.All(headers, h => Assert.Contains(h.Key, Tessera.Hooks.WebHooks.WebHookCatalog.DefaultHeaderAllowlist));
        Assert.Null(headers["X-Internal-Secret"]);
        Assert.Null(headers["Cookie"]);
        // Registration's post-persist hooks get the identity, not the session.
        Assert.Null(ctx["session"]);
    }

    [Fact]
    public async Task A_login_hook_gets_the_session_and_a_configured_allowlist_replaces_kratoss()
    {
        await using var receiver = WebHookReceiver.Start();
        await using var server = await StartAsync(c =>
        {
            SetHooks(c, "login", "after.password", WebHook(receiver.At("login"), $$"""
                {"body":"{{Template("function(ctx) { session: ctx.session.id, identity: ctx.identity.id, aal: ctx.session.authenticator_assurance_level, headers: ctx.request_headers }")}}"}
                """));
            c["clients"] = JsonNode.Parse("""{"web_hook":{"header_allowlist":["x-tenant"]}}""");
        });
        var email = HttpJson.Unique("login");
        var created = await server.CreateIdentityAsync(HttpJson.EmailIdentity(email, HttpJson.Password(Password)));

        var (_, flow, _) = await server.SendAsync(HttpMethod.Get, "/self-service/login/api", null);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/self-service/login?flow={flow!["id"]}")
        {
            Content = new StringContent(new JsonObject { ["method"] = "password", ["identifier"] = email, ["password"] = Password }.ToJsonString(),
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Tenant", "acme");
        using var response = await server.Public.SendAsync(request);
        var login = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var sent = JsonNode.Parse(Assert.Single(receiver.CallsTo("login")).Body)!;
        Assert.Equal(login["session"]!["id"]!.GetValue<string>(), sent["session"]!.GetValue<string>());
        Assert.Equal(created["id"]!.GetValue<string>(), sent["identity"]!.GetValue<string>());
        Assert.Equal("aal1", sent["aal"]!.GetValue<string>());
        Assert.Equal("""{"X-Tenant":["acme"]}""", sent["headers"]!.ToJsonString());
    }

    [Fact]
    public async Task A_form_encoded_hook_sends_the_templates_flat_map_as_fields()
    {
        await using var receiver = WebHookReceiver.Start();
        await using var server = await StartAsync(c => SetHooks(c, "registration", "after.password",
            WebHook(receiver.At("form"), $$"""
                {"headers":{"Content-Type":"application/x-www-form-urlencoded"},
                 "body":"{{Template("function(ctx) { email: ctx.identity.traits.email, note: 'a b&c' }")}}"}
                """), SessionHook()));
        var email = HttpJson.Unique("form");

        Assert.Equal(HttpStatusCode.OK, (await Flows.Verification.VerificationHttp.RegisterAsync(server, email)).Status);

        var call = Assert.Single(receiver.CallsTo("form"));
        Assert.Equal("application/x-www-form-urlencoded", call.Header("Content-Type"));
        Assert.Equal($"email={Uri.EscapeDataString(email)}&note=a+b%26c", call.Body);
    }

    [Fact]
    public async Task A_template_raising_cancel_skips_the_call_and_any_other_error_fails_the_flow()
    {
        await using var receiver = WebHookReceiver.Start();
        await using var server = await StartAsync(c =>
        {
            SetHooks(c, "login", "before", WebHook(receiver.At("cancel"), $$"""{"body":"{{Template("function(ctx) error 'cancel'")}}"}"""));
            SetHooks(c, "registration", "before", WebHook(receiver.At("boom"), $$"""{"body":"{{Template("function(ctx) error 'boom'")}}"}"""));
        });

        Assert.Equal(HttpStatusCode.OK, (await server.Public.GetJsonAsync("/self-service/login/api")).Status);
        Assert.Empty(receiver.CallsTo("cancel"));

        var (status, error, _) = await server.Public.GetJsonAsync("/self-service/registration/api");
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.DoesNotContain("boom", error!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(receiver.CallsTo("boom"));
    }
}
