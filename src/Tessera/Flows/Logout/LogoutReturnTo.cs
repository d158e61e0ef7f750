using Tessera.Sessions;
using SessionOptions = Tessera.Sessions.SessionOptions;

namespace Tessera.Flows.Logout;

/// <summary>
/// The one place logout decides whether a <c>return_to</c> may be used. <see cref="Validator"/> is where the shared
/// return_to validator of the flows plugs in; until then a conservative built-in check applies: the URL (relative ones are
/// resolved against <c>selfservice.default_browser_return_url</c>) must have the scheme and host of the public base URL, of
/// the default return URL, or of an entry of <c>selfservice.allowed_return_urls</c>, and start with that entry's path.
/// </summary>
internal sealed class LogoutReturnTo(SessionOptions options)
{
    /// <summary>Replaces the built-in check: gets the raw <c>return_to</c>, answers whether it is allowed.</summary>
    public Func<string, bool>? Validator { get; set; }

    public bool IsAllowed(string returnTo) => Validator?.Invoke(returnTo) ?? BuiltIn(returnTo);

    /// <summary>Absolute form of an allowed return_to, for the Location header.</summary>
    public string Resolve(string returnTo)
    {
        var baseUrl = options.DefaultBrowserReturnUrl is { Length: > 0 } d && Uri.TryCreate(d, UriKind.Absolute, out var b) ? b : options.PublicBaseUrl;
        return Uri.TryCreate(baseUrl, returnTo, out var resolved) ? resolved.ToString() : returnTo;
    }

    bool BuiltIn(string returnTo)
    {
        if (!Uri.TryCreate(Resolve(returnTo), UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            return false;
        }

        var allowed = new List<string>(options.AllowedReturnUrls) { new Uri(options.PublicBaseUrl, "self-service").ToString() };
        if (options.DefaultBrowserReturnUrl is { Length: > 0 } defaultUrl)
        {
            allowed.Add(defaultUrl);
        }

        foreach (var entry in allowed)
        {
            if (Uri.TryCreate(entry, UriKind.Absolute, out var e)
                && string.Equals(e.Scheme, target.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(e.Host, target.Host, StringComparison.OrdinalIgnoreCase)
                && e.Port == target.Port
                && target.AbsolutePath.StartsWith(e.AbsolutePath, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
