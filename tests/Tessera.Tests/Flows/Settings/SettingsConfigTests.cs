using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Flows;
using Xunit;

namespace Tessera.Tests.Flows.Settings;

/// <summary>Which settings keys and hooks Tessera takes, and what it reports at start as not supported yet.</summary>
public sealed class SettingsConfigTests
{
    static JsonObject Config(string settings) =>
        JsonNode.Parse("""{"dsn":"memory","selfservice":{"flows":{"settings":""" + settings + "}}}")!.AsObject();

    [Fact]
    public void Settings_hooks_Tessera_does_not_run_are_reported_by_name()
    {
        var config = Config("""
            {"after":{"hooks":[{"hook":"revoke_active_sessions"},{"hook":"verification"},{"hook":"verify_new_address"}],
                      "password":{"hooks":[{"hook":"revoke_active_sessions"},{"hook":"web_hook","config":{"url":"https://hooks.example/x","method":"POST"}}]},
                      "profile":{"hooks":[{"hook":"show_verification_ui"}]}}}
            """);

        var unsupported = new FlowOptions(new TesseraConfig(config, null, devFlag: false)).UnsupportedHooks().ToList();

        Assert.Equal(["selfservice.flows.settings.after.hooks: verify_new_address"], unsupported);
    }

    [Fact]
    public void The_settings_keys_Tessera_implements_are_not_reported()
    {
        var config = Config("""
            {"ui_url":"https://ui.example/settings","lifespan":"30m","privileged_session_max_age":"5m","required_aal":"aal1",
             "after":{"default_browser_return_url":"https://ui.example/","password":{"default_browser_return_url":"https://ui.example/pw","hooks":[]},
                      "hooks":[]},
             "before":{"hooks":[{"hook":"web_hook","config":{"url":"https://hooks.example/x","method":"POST"}}]}}
            """);

        var unsupported = UnsupportedKeys.Find(config, SupportedKeys.Paths);

        Assert.Empty(unsupported);
    }

    [Fact]
    public void Privileged_session_max_age_defaults_to_kratoss_hour()
    {
        Assert.Equal(TimeSpan.FromHours(1), new FlowOptions(new TesseraConfig(Config("{}"), null, devFlag: false)).SettingsPrivilegedSessionMaxAge);
        Assert.Equal(TimeSpan.FromMinutes(15),
            new FlowOptions(new TesseraConfig(Config("""{"privileged_session_max_age":"15m"}"""), null, devFlag: false)).SettingsPrivilegedSessionMaxAge);
    }
}
