using Tessera.Config;

namespace Tessera.Flows;

/// <summary>
/// Which <c>return_to</c> URLs a flow may send the browser to: <c>selfservice.allowed_return_urls</c> plus the public
/// base URL's <c>/self-service</c>, matched by scheme, host (with <c>*.</c> wildcards on registrable domains) and path prefix.
/// Relative values take scheme and host from <c>selfservice.default_browser_return_url</c>.
/// </summary>
internal sealed class ReturnTo
{
    readonly List<Uri> _allowed = [];

    public ReturnTo(TesseraConfig config)
    {
        DefaultReturnUrl = ConfigNode.String(config.Root, "selfservice.default_browser_return_url") is { Length: > 0 } d
                           && Uri.TryCreate(d, UriKind.Absolute, out var parsed) ? parsed : null;
        foreach (var entry in ConfigNode.Strings(config.Root, "selfservice.allowed_return_urls"))
        {
            // The host may hold a wildcard (https://*.example.com), which Uri accepts as a plain host name.
            if (Uri.TryCreate(entry, UriKind.Absolute, out var uri))
            {
                _allowed.Add(uri);
            }
        }

        _allowed.Add(new Uri(config.Public.BaseUrl, "self-service"));
    }

    public Uri? DefaultReturnUrl { get; }

    /// <summary>The absolute, allowed URL for a requested value; null when it is not allowed (or not a URL at all).</summary>
    public Uri? Resolve(string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return null;
        }

        Uri? target;
        if (Uri.TryCreate(requested, UriKind.Absolute, out var absolute) && absolute.Scheme is not "file")
        {
            target = absolute;
        }
        else if (requested.StartsWith('/') && !requested.StartsWith("//", StringComparison.Ordinal) && DefaultReturnUrl is not null)
        {
            target = new Uri(DefaultReturnUrl, requested);
        }
        else
        {
            return null;
        }

        return _allowed.Any(a => Matches(a, target)) ? target : null;
    }

    static bool Matches(Uri allowed, Uri target)
    {
        if (!string.Equals(allowed.Scheme, target.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var host = allowed.Host;
        var hostMatches = host.StartsWith("*.", StringComparison.Ordinal)
            ? IsSafeWildcard(host) && target.Host.EndsWith(host[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, target.Host, StringComparison.OrdinalIgnoreCase) && allowed.Port == target.Port;
        if (!hostMatches)
        {
            return false;
        }

        var path = allowed.AbsolutePath;
        return path == "/" || target.AbsolutePath.StartsWith(path, StringComparison.Ordinal);
    }

    /// <summary>A wildcard must sit on a registrable domain: <c>*.example.com</c> yes, <c>*.com</c> no.</summary>
    static bool IsSafeWildcard(string host) => host[2..].Contains('.', StringComparison.Ordinal);

    /// <summary>Where a finished flow sends the browser: its stored return_to, a requested one that is allowed, else the configured default.</summary>
    public Uri AfterFlow(FlowOptions options, FlowKind kind, Flow? flow, string? requested, string? method)
    {
        if (flow?.ReturnTo is { } stored && Uri.TryCreate(stored, UriKind.Absolute, out var storedUri))
        {
            return storedUri;
        }

        return Resolve(requested) ?? options.DefaultReturnUrl(kind, method) ?? options.Config.Public.BaseUrl;
    }
}
