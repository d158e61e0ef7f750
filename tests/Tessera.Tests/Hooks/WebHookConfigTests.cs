using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Flows;
using Tessera.Hooks.WebHooks;
using Tessera.Hosting;
using Tessera.Tests.Infrastructure;
using Xunit;

namespace Tessera.Tests.Hooks;

/// <summary>Which web hook configs <c>serve</c> refuses at start (naming the key), and which hooks are no longer reported as unsupported.</summary>
public sealed class WebHookConfigTests
{
    static JsonObject Config(string flows)
    {
        var config = TesseraServer.DefaultConfig("memory", FreePort.Next(), FreePort.Next());
        config["selfservice"] = JsonNode.Parse("""{"flows":""" + flows + "}");
        return config;
    }

    static async Task<string> RefusalAsync(string flows) =>
        (await Assert.ThrowsAsync<StartupException>(() => TesseraApp.BuildAsync(new TesseraConfig(Config(flows), null, false)))).Message;

    [Theory]
    [InlineData("""{"login":{"before":{"hooks":[{"hook":"web_hook","config":{"method":"POST"}}]}}}""",
        "selfservice.flows.login.before.hooks.0.config.url: is required")]
    [InlineData("""{"login":{"before":{"hooks":[{"hook":"web_hook","config":{"url":"ftp://hooks.example/x","method":"POST"}}]}}}""",
        "selfservice.flows.login.before.hooks.0.config.url: \"ftp://hooks.example/x\" is not an http(s) URL")]
    [InlineData("""{"login":{"before":{"hooks":[{"hook":"web_hook","config":{"url":"not a url","method":"POST"}}]}}}""",
        "selfservice.flows.login.before.hooks.0.config.url:")]
    [InlineData("""{"registration":{"after":{"password":{"hooks":[{"hook":"session"},{"hook":"web_hook","config":{"url":"https://h.example/"}}]}}}}""",
        "selfservice.flows.registration.after.password.hooks.1.config.method: is required")]
    [InlineData("""{"registration":{"after":{"hooks":[{"hook":"web_hook","config":{"url":"https://h.example/","method":"POST","response":{"ignore":true,"parse":true}}}]}}}""",
        "selfservice.flows.registration.after.hooks.0.config.response.ignore: cannot be true together with response.parse")]
    [InlineData("""{"settings":{"after":{"profile":{"hooks":[{"hook":"web_hook","config":{"url":"https://h.example/","method":"POST","can_interrupt":true,"response":{"ignore":true}}}]}}}}""",
        "selfservice.flows.settings.after.profile.hooks.0.config.response.ignore: cannot be true together with can_interrupt")]
    [InlineData("""{"verification":{"after":{"hooks":[{"hook":"web_hook"}]}}}""",
        "selfservice.flows.verification.after.hooks.0.config: is required")]
    [InlineData("""{"recovery":{"after":{"hooks":[{"hook":"web_hook","config":{"url":"https://h.example/","method":"POST","auth":{"type":"api_key","config":{"value":"v","in":"header"}}}}]}}}""",
        "selfservice.flows.recovery.after.hooks.0.config.auth.config.name: is required")]
    [InlineData("""{"recovery":{"after":{"hooks":[{"hook":"web_hook","config":{"url":"https://h.example/","method":"POST","auth":{"type":"oauth2"}}}]}}}""",
        "selfservice.flows.recovery.after.hooks.0.config.auth.type: \"oauth2\" is not api_key or basic_auth")]
    [InlineData("""{"login":{"after":{"password":{"hooks":[{"hook":"web_hook","config":{"url":"https://h.example/","method":"POST","body":"file:///nowhere/hook.jsonnet"}}]}}}}""",
        "selfservice.flows.login.after.password.hooks.0.config.body: the file /nowhere/hook.jsonnet does not exist")]
    [InlineData("""{"login":{"after":{"hooks":[{"hook":"web_hook","config":{"url":"https://h.example/","method":"POST","body":"base64://e30=","headers":{"Content-Type":"text/xml"}}}]}}}""",
        "selfservice.flows.login.after.hooks.0.config.headers.Content-Type: \"text/xml\" cannot carry the body")]
    [InlineData("""{"login":{"after":{"hooks":[{"hook":"web_hook","config":{"url":"https://h.example/","method":"PO ST"}}]}}}""",
        "selfservice.flows.login.after.hooks.0.config.method: \"PO ST\" is not an HTTP method")]
    public async Task Serve_refuses_a_broken_web_hook_at_start_naming_the_key(string flows, string message)
    {
        Assert.StartsWith(message, await RefusalAsync(flows));
    }

    [Fact]
    public async Task The_catalog_picks_lists_as_kratos_does()
    {
        var config = new TesseraConfig(Config("""
            {"registration":{"after":{
               "hooks":[{"hook":"web_hook","config":{"url":"https://h.example/global","method":"POST"}}],
               "password":{"hooks":[{"hook":"session"},
                                    {"hook":"web_hook","config":{"url":"https://h.example/pre","method":"POST","can_interrupt":true}},
                                    {"hook":"web_hook","config":{"url":"https://h.example/post","method":"POST","id":"post"}}]},
               "oidc":{"hooks":[]}}},
             "login":{"before":{"hooks":[{"hook":"web_hook","config":{"url":"https://h.example/before","method":"GET"}}]}}}
            """), null, false);
        using var http = new HttpClient();
        var catalog = await WebHookCatalog.LoadAsync(config, http, _ => { }, CancellationToken.None);

        Assert.Equal(["https://h.example/pre"], catalog.PrePersist(FlowKind.Registration, "password").Select(h => h.Request.Url.ToString()));
        Assert.Equal(["https://h.example/post"], catalog.PostPersist(FlowKind.Registration, "password").Select(h => h.Request.Url.ToString()));
        Assert.Equal("post", catalog.PostPersist(FlowKind.Registration, "password")[0].Name);
        // A method without hooks of its own falls back to after.hooks; pre-persist hooks never come from there.
        Assert.Equal(["https://h.example/global"], catalog.After(FlowKind.Registration, "oidc").Select(h => h.Request.Url.ToString()));
        Assert.Empty(catalog.PrePersist(FlowKind.Registration, "oidc"));
        Assert.Equal(["https://h.example/before"], catalog.Before(FlowKind.Login).Select(h => h.Request.Url.ToString()));
        Assert.Equal(WebHookCatalog.DefaultHeaderAllowlist, catalog.HeaderAllowlist);
    }

    [Fact]
    public void Web_hooks_before_and_after_every_flow_are_no_longer_reported_but_other_before_hooks_are()
    {
        var config = new TesseraConfig(Config("""
            {"login":{"before":{"hooks":[{"hook":"web_hook","config":{"url":"https://h.example/","method":"POST"}}]},
                      "after":{"password":{"hooks":[{"hook":"web_hook","config":{"url":"https://h.example/","method":"POST"}}]}}},
             "registration":{"before":{"hooks":[{"hook":"b2b_sso"}]},"after":{"hooks":[{"hook":"web_hook","config":{"url":"https://h.example/","method":"POST"}}]}},
             "verification":{"before":{"hooks":[{"hook":"web_hook","config":{"url":"https://h.example/","method":"POST"}}]},
                             "after":{"hooks":[{"hook":"web_hook","config":{"url":"https://h.example/","method":"POST"}}]}}}
            """), null, false);
        config.Root["clients"] = JsonNode.Parse("""{"web_hook":{"header_allowlist":["X-Forwarded-For"]}}""");

        Assert.Equal(["selfservice.flows.registration.before.hooks: b2b_sso"], new FlowOptions(config).UnsupportedHooks());
        Assert.DoesNotContain(UnsupportedKeys.Find(config.Root, SupportedKeys.Paths),
            k => k.StartsWith("selfservice", StringComparison.Ordinal) || k.StartsWith("clients", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sec-ch-ua", "Sec-Ch-Ua")]
    [InlineData("USER-AGENT", "User-Agent")]
    [InlineData("true-client-ip", "True-Client-Ip")]
    [InlineData("x_y", "X_y")]
    [InlineData("bad header", "bad header")]
    public void Header_names_are_matched_in_gos_canonical_form(string name, string canonical) =>
        Assert.Equal(canonical, WebHookTrigger.CanonicalHeaderName(name));
}
