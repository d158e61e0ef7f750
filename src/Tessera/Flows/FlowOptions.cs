using Tessera.Config;

namespace Tessera.Flows;

/// <summary><c>selfservice.flows.*</c>: UI URLs, lifespans and return URLs of each flow, read once.</summary>
internal sealed class FlowOptions(TesseraConfig config)
{
    const string Fallback = "https://www.ory.sh/kratos/docs/fallback/";

    public TesseraConfig Config => config;

    public Uri UiUrl(FlowKind kind) => Absolute(ConfigNode.String(config.Root, $"selfservice.flows.{kind.Name()}.ui_url"), Fallback + kind.Name());

    public Uri ErrorUiUrl => Absolute(ConfigNode.String(config.Root, "selfservice.flows.error.ui_url"), Fallback + "error");

    public TimeSpan Lifespan(FlowKind kind) =>
        Duration.TryParse(ConfigNode.String(config.Root, $"selfservice.flows.{kind.Name()}.lifespan"), out var span, out _) && span > TimeSpan.Zero
            ? span
            : TimeSpan.FromHours(1);

    public bool RegistrationEnabled => ConfigNode.Bool(config.Root, "selfservice.flows.registration.enabled", true);

    /// <summary><c>selfservice.flows.recovery.enabled</c> (Kratos's default: false).</summary>
    public bool RecoveryEnabled => ConfigNode.Bool(config.Root, "selfservice.flows.recovery.enabled", false);

    /// <summary><c>selfservice.flows.verification.enabled</c> (Kratos's default: false).</summary>
    public bool VerificationEnabled => ConfigNode.Bool(config.Root, "selfservice.flows.verification.enabled", false);

    /// <summary><c>selfservice.flows.&lt;recovery|verification&gt;.use</c>: the method new flows offer, <c>code</c> (default) or <c>link</c>.</summary>
    public string Use(FlowKind kind) => ConfigNode.String(config.Root, $"selfservice.flows.{kind.Name()}.use", "code")!;

    /// <summary>
    /// <c>feature_flags.use_continue_with_transitions</c> (default false): recovery answers JSON clients with the flow and
    /// its <c>continue_with</c> (session token, settings flow) instead of Kratos's legacy 422 and redirects.
    /// </summary>
    public bool UseContinueWithTransitions => ConfigNode.Bool(config.Root, "feature_flags.use_continue_with_transitions", false);

    /// <summary><c>feature_flags.legacy_continue_with_verification_ui</c>: every verification flow the hook makes goes into <c>continue_with</c>.</summary>
    public bool LegacyContinueWithVerificationUi => ConfigNode.Bool(config.Root, "feature_flags.legacy_continue_with_verification_ui", false);

    /// <summary>One-step registration (password field shown at once) when <c>style: unified</c> or the legacy switch is on.</summary>
    public bool RegistrationUnified =>
        ConfigNode.String(config.Root, "selfservice.flows.registration.style") == "unified"
        || ConfigNode.Bool(config.Root, "selfservice.flows.registration.enable_legacy_one_step", false);

    public bool MethodEnabled(string method, bool fallback) => ConfigNode.Bool(config.Root, $"selfservice.methods.{method}.enabled", fallback);

    /// <summary>
    /// <c>selfservice.flows.settings.privileged_session_max_age</c> (Kratos's default 1h): how long after a login
    /// the session may change the password, identifiers and addresses without logging in again.
    /// </summary>
    public TimeSpan SettingsPrivilegedSessionMaxAge =>
        Duration.TryParse(ConfigNode.String(config.Root, "selfservice.flows.settings.privileged_session_max_age"), out var span, out _)
            ? span
            : TimeSpan.FromHours(1);

    /// <summary><c>selfservice.flows.settings.required_aal</c>: <c>aal1</c> or <c>highest_available</c> (the default).</summary>
    public string SettingsRequiredAal => ConfigNode.String(config.Root, "selfservice.flows.settings.required_aal", "highest_available")!;

    /// <summary>Where a finished flow sends the browser without <c>return_to</c>: the most specific configured default.</summary>
    public Uri? DefaultReturnUrl(FlowKind kind, string? method) =>
        FlowReturnUrl(kind, method) ?? Absolute(ConfigNode.String(config.Root, "selfservice.default_browser_return_url"));

    /// <summary>
    /// The flow's own <c>after.&lt;method&gt;.default_browser_return_url</c>, else its <c>after.default_browser_return_url</c>;
    /// null when neither is set (settings then returns to its own UI rather than the global default).
    /// </summary>
    public Uri? FlowReturnUrl(FlowKind kind, string? method) =>
        (method is null ? null : Absolute(ConfigNode.String(config.Root, $"selfservice.flows.{kind.Name()}.after.{method}.default_browser_return_url")))
        ?? Absolute(ConfigNode.String(config.Root, $"selfservice.flows.{kind.Name()}.after.default_browser_return_url"));

    static Uri? Absolute(string? value) => !string.IsNullOrEmpty(value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>The after-hooks of a flow for a method: the method's list replaces the flow's list when it has one.</summary>
    public IReadOnlyList<string> AfterHooks(FlowKind kind, string method) =>
        AfterHookEntries(kind, method).Select(h => ConfigNode.String(h, "hook") ?? "").Where(h => h.Length > 0).ToList();

    /// <summary>The <c>config</c> of <paramref name="hook"/> in that list; null when it is not there or has none.</summary>
    public System.Text.Json.Nodes.JsonObject? AfterHookConfig(FlowKind kind, string method, string hook) =>
        AfterHookEntries(kind, method).FirstOrDefault(h => ConfigNode.String(h, "hook") == hook)?["config"] as System.Text.Json.Nodes.JsonObject;

    IEnumerable<System.Text.Json.Nodes.JsonNode?> AfterHookEntries(FlowKind kind, string method)
    {
        var specific = ConfigNode.At(config.Root, $"selfservice.flows.{kind.Name()}.after.{method}.hooks") as System.Text.Json.Nodes.JsonArray;
        var hooks = specific is { Count: > 0 } ? specific
            : ConfigNode.At(config.Root, $"selfservice.flows.{kind.Name()}.after.hooks") as System.Text.Json.Nodes.JsonArray;
        return hooks ?? [];
    }

    public Uri ActionUrl(FlowKind kind, Guid flowId) => new(config.Public.BaseUrl, $"self-service/{kind.Name()}?flow={flowId}");

    static Uri Absolute(string? value, string fallback) =>
        !string.IsNullOrEmpty(value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : new Uri(fallback);

    static readonly Dictionary<FlowKind, string[]> ImplementedHooks = new()
    {
        [FlowKind.Login] = ["revoke_active_sessions", "require_verified_address", "web_hook", "verification", "show_verification_ui"],
        // Registration and settings run the verification hook anyway when verification is on; naming it changes nothing.
        [FlowKind.Registration] = ["session", "show_verification_ui", "web_hook", "verification"],
        [FlowKind.Settings] = ["revoke_active_sessions", "show_verification_ui", "web_hook", "verification", "notify_previous_addresses"],
        [FlowKind.Recovery] = ["revoke_active_sessions", "web_hook"],
        [FlowKind.Verification] = ["web_hook"],
    };

    /// <summary>Configured hooks that Tessera does not run yet, as "flow.(before|after.method): hook" for a start-up warning.</summary>
    public IEnumerable<string> UnsupportedHooks()
    {
        foreach (var (kind, implemented) in ImplementedHooks)
        {
            // Before hooks: Kratos accepts web_hook and the enterprise b2b hook there.
            foreach (var hook in ConfigNode.At(config.Root, $"selfservice.flows.{kind.Name()}.before.hooks") as System.Text.Json.Nodes.JsonArray ?? [])
            {
                if (ConfigNode.String(hook, "hook") is { } name && name != "web_hook")
                {
                    yield return $"selfservice.flows.{kind.Name()}.before.hooks: {name}";
                }
            }

            var after = ConfigNode.At(config.Root, $"selfservice.flows.{kind.Name()}.after") as System.Text.Json.Nodes.JsonObject;
            foreach (var (key, value) in after ?? [])
            {
                var hooks = key == "hooks" ? value as System.Text.Json.Nodes.JsonArray : Json.JsonNodeChild.Child(value, "hooks") as System.Text.Json.Nodes.JsonArray;
                foreach (var hook in hooks ?? [])
                {
                    if (ConfigNode.String(hook, "hook") is { } name && !implemented.Contains(name))
                    {
                        yield return $"selfservice.flows.{kind.Name()}.after{(key == "hooks" ? "" : "." + key)}.hooks: {name}";
                    }
                }
            }
        }
    }
}
