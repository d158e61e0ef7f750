using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Hosting;

namespace Tessera.Strategies.Password;

/// <summary>The password policy keys of <c>selfservice.methods.password.config</c>, with Kratos's defaults.</summary>
internal sealed record PasswordPolicyOptions
{
    public const string ConfigPath = "selfservice.methods.password.config";

    public const string DefaultHaveIBeenPwnedHost = "api.pwnedpasswords.com";

    public int MinPasswordLength { get; init; } = 8;

    public bool IdentifierSimilarityCheckEnabled { get; init; } = true;

    public bool HaveIBeenPwnedEnabled { get; init; } = true;

    public string HaveIBeenPwnedHost { get; init; } = DefaultHaveIBeenPwnedHost;

    public int MaxBreaches { get; init; }

    public bool IgnoreNetworkErrors { get; init; } = true;

    /// <summary>
    /// Where the range API lives, ending in <c>/range/</c>. A bare host (Kratos's form) means HTTPS; a value with an
    /// explicit <c>http://</c> or <c>https://</c> scheme is used as given, which lets tests and self-hosted mirrors
    /// point elsewhere.
    /// </summary>
    public Uri RangeBaseUri => RangeBase(HaveIBeenPwnedHost)
        ?? throw new StartupException($"{ConfigPath}.haveibeenpwned_host: \"{HaveIBeenPwnedHost}\" is not a host name or an http(s) URL");

    public static PasswordPolicyOptions From(TesseraConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return From(ConfigNode.At(config.Root, ConfigPath));
    }

    /// <summary>Binds the <c>config</c> object of the password method; a missing section yields the defaults.</summary>
    public static PasswordPolicyOptions From(JsonNode? section)
    {
        var options = new PasswordPolicyOptions
        {
            MinPasswordLength = ConfigNode.Int(section, "min_password_length", 8),
            IdentifierSimilarityCheckEnabled = ConfigNode.Bool(section, "identifier_similarity_check_enabled", true),
            HaveIBeenPwnedEnabled = ConfigNode.Bool(section, "haveibeenpwned_enabled", true),
            HaveIBeenPwnedHost = ConfigNode.String(section, "haveibeenpwned_host", DefaultHaveIBeenPwnedHost)!,
            MaxBreaches = Math.Max(0, ConfigNode.Int(section, "max_breaches", 0)),
            IgnoreNetworkErrors = ConfigNode.Bool(section, "ignore_network_errors", true),
        };

        // Fail at start-up, naming the key, rather than on the first registration.
        _ = options.RangeBaseUri;
        return options;
    }

    static Uri? RangeBase(string host)
    {
        var text = host.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Host.Length == 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        return new UriBuilder(uri) { Path = path + "/range/" }.Uri;
    }
}
