using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Config;

namespace Tessera.Sessions;

/// <summary>The <c>session.*</c> keys (and the cookie and logout keys sessions depend on), read once from the config tree.</summary>
internal sealed class SessionOptions
{
    public SessionOptions(TesseraConfig config)
    {
        var root = config.Root;
        PublicBaseUrl = config.Public.BaseUrl;
        Lifespan = ReadDuration(root, "session.lifespan", TimeSpan.FromHours(24));
        EarliestPossibleExtend = ConfigNode.String(root, "session.earliest_possible_extend") is { Length: > 0 } extend
            && Duration.TryParse(extend, out var parsed, out _)
                ? parsed
                : null;
        RequiredAal = ConfigNode.String(root, "session.whoami.required_aal", Aal.RequiredHighestAvailable)!;

        CookieName = ConfigNode.String(root, "session.cookie.name") is { Length: > 0 } name ? name : "ory_kratos_session";
        CookiePath = FirstNonEmpty(root, "session.cookie.path", "cookies.path") ?? "/";
        CookieDomain = FirstNonEmpty(root, "session.cookie.domain", "cookies.domain");
        CookieSameSite = (FirstNonEmpty(root, "session.cookie.same_site", "cookies.same_site") ?? "Lax") switch
        {
            "Strict" => SameSiteMode.Strict,
            "None" => SameSiteMode.None,
            _ => SameSiteMode.Lax,
        };
        // Kratos: session.cookie.secure, else secure unless --dev; cookies.secure is deliberately not consulted.
        CookieSecure = ReadFlag(root, "session.cookie.secure") ?? !config.Dev;
        CookiePersistent = ConfigNode.Bool(root, "session.cookie.persistent", true);

        DefaultBrowserReturnUrl = ConfigNode.String(root, "selfservice.default_browser_return_url");
        LogoutReturnUrl = ConfigNode.String(root, "selfservice.flows.logout.after.default_browser_return_url");
        LogoutClearBrowserData = ConfigNode.Bool(root, "selfservice.flows.logout.clear_browser_data", false);
        AllowedReturnUrls = ConfigNode.Strings(root, "selfservice.allowed_return_urls");
        CacheableSessions = ConfigNode.Bool(root, "feature_flags.cacheable_sessions", false);
        CacheableSessionsMaxAge = Duration.TryParse(ConfigNode.String(root, "feature_flags.cacheable_sessions_max_age"), out var maxAge, out _)
            ? maxAge
            : null;
    }

    /// <summary>The config keys this class implements, for the list of supported keys.</summary>
    public static readonly string[] Keys =
    [
        "session.lifespan", "session.earliest_possible_extend", "session.whoami.required_aal",
        "session.cookie.name", "session.cookie.path", "session.cookie.domain", "session.cookie.same_site",
        "session.cookie.secure", "session.cookie.persistent", "cookies.path", "cookies.domain", "cookies.same_site",
        "secrets.cookie", "secrets.default",
        "selfservice.flows.logout.after.default_browser_return_url", "selfservice.flows.logout.clear_browser_data",
        "feature_flags.cacheable_sessions", "feature_flags.cacheable_sessions_max_age",
    ];

    public Uri PublicBaseUrl { get; }

    public TimeSpan Lifespan { get; }

    /// <summary>Null when unset: then a session can always be extended (Kratos's default of one lifespan).</summary>
    public TimeSpan? EarliestPossibleExtend { get; }

    public string RequiredAal { get; }

    public string CookieName { get; }

    public string CookiePath { get; }

    public string? CookieDomain { get; }

    public SameSiteMode CookieSameSite { get; }

    public bool CookieSecure { get; }

    public bool CookiePersistent { get; }

    public string? DefaultBrowserReturnUrl { get; }

    public string? LogoutReturnUrl { get; }

    public bool LogoutClearBrowserData { get; }

    public IReadOnlyList<string> AllowedReturnUrls { get; }

    /// <summary><c>feature_flags.cacheable_sessions</c>: whoami tells caches in front of it how long they may keep the answer.</summary>
    public bool CacheableSessions { get; }

    public TimeSpan? CacheableSessionsMaxAge { get; }

    static TimeSpan ReadDuration(JsonNode root, string key, TimeSpan fallback) =>
        ConfigNode.String(root, key) is { Length: > 0 } text && Duration.TryParse(text, out var value, out _) && value > TimeSpan.Zero
            ? value
            : fallback;

    static string? FirstNonEmpty(JsonNode root, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (ConfigNode.String(root, key) is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The schema types <c>secure</c> as a string; YAML and environment overrides may also give a boolean.</summary>
    static bool? ReadFlag(JsonNode root, string key) => ConfigNode.At(root, key) switch
    {
        JsonValue v when v.GetValueKind() is JsonValueKind.True => true,
        JsonValue v when v.GetValueKind() is JsonValueKind.False => false,
        JsonValue v when v.GetValueKind() is JsonValueKind.String =>
            bool.TryParse(v.GetValue<string>(), out var b) ? b : null,
        _ => null,
    };
}
