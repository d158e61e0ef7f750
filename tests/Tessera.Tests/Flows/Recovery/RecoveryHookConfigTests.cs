using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Flows;
using Tessera.Strategies.Code;
using Xunit;

namespace Tessera.Tests.Flows.Recovery;

/// <summary>Which recovery, verification and show_verification_ui hooks and keys Tessera takes, and what it reports at start.</summary>
public sealed class RecoveryHookConfigTests
{
    static TesseraConfig Config(string json) => new(JsonNode.Parse(json)!.AsObject(), null, devFlag: false);

    [Fact]
    public void Web_hooks_after_recovery_and_verification_are_supported_and_so_not_reported()
    {
        var config = Config("""
            {"dsn":"memory","selfservice":{"flows":{
              "recovery":{"after":{"hooks":[{"hook":"revoke_active_sessions"},{"hook":"web_hook","config":{"url":"https://hooks.example/r","method":"POST"}}]}},
              "verification":{"after":{"hooks":[{"hook":"web_hook","config":{"url":"https://hooks.example/v","method":"POST"}}]}},
              "registration":{"after":{"password":{"hooks":[{"hook":"show_verification_ui"},{"hook":"session"}]}}},
              "settings":{"after":{"profile":{"hooks":[{"hook":"show_verification_ui"}]}}}}}}
            """);

        Assert.Empty(new FlowOptions(config).UnsupportedHooks());
    }

    [Fact]
    public void The_recovery_verification_code_and_link_keys_are_supported()
    {
        var config = Config("""
            {"dsn":"memory","selfservice":{
              "flows":{
                "recovery":{"enabled":true,"ui_url":"https://ui.example/recovery","lifespan":"15m","use":"link","notify_unknown_recipients":true,
                            "after":{"default_browser_return_url":"https://ui.example/","hooks":[]},"before":{"hooks":[]}},
                "verification":{"enabled":true,"ui_url":"https://ui.example/verification","lifespan":"15m","use":"code","notify_unknown_recipients":true,
                                "after":{"default_browser_return_url":"https://ui.example/","hooks":[]}}},
              "methods":{"code":{"enabled":true,"passwordless_enabled":true,"config":{"lifespan":"5m","max_submissions":3}},
                         "link":{"enabled":true,"config":{"lifespan":"5m","base_url":"https://ui.example"}}}},
             "feature_flags":{"use_continue_with_transitions":true,"legacy_continue_with_verification_ui":false}}
            """);

        Assert.Empty(UnsupportedKeys.Find(config.Root, SupportedKeys.Paths));
        var options = new FlowOptions(config);
        Assert.Equal(("link", "code", true, true), (options.Use(FlowKind.Recovery), options.Use(FlowKind.Verification), options.RecoveryEnabled, options.UseContinueWithTransitions));
        Assert.Equal(TimeSpan.FromMinutes(15), options.Lifespan(FlowKind.Recovery));
        Assert.Equal((TimeSpan.FromMinutes(5), 3), (CodeOptions.From(config).Lifespan, CodeOptions.From(config).MaxSubmissions));
    }

    [Fact]
    public void Recovery_and_verification_are_off_and_use_codes_by_default()
    {
        var options = new FlowOptions(Config("""{"dsn":"memory"}"""));
        Assert.Equal((false, false, "code", "code", false), (options.RecoveryEnabled, options.VerificationEnabled, options.Use(FlowKind.Recovery),
            options.Use(FlowKind.Verification), options.UseContinueWithTransitions));
        Assert.Equal((TimeSpan.FromHours(1), 5), (CodeOptions.From(Config("{}")).Lifespan, CodeOptions.From(Config("{}")).MaxSubmissions));
    }
}
