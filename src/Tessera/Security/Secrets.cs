using System.Security.Cryptography;
using System.Text;
using Tessera.Config;

namespace Tessera.Security;

/// <summary>
/// The keys that protect cookies: <c>secrets.cookie</c>, else <c>secrets.default</c>, else one random secret per process
/// (cookies then do not survive a restart, which is logged once). The first key protects, every key opens (rotation).
/// </summary>
internal sealed class Secrets
{
    static readonly Lazy<byte[]> ProcessSecret = new(() => RandomNumberGenerator.GetBytes(32));
    static int _warned;

    public Secrets(TesseraConfig config, ILogger<Secrets> logger)
    {
        var configured = ConfigNode.Strings(config.Root, "secrets.cookie");
        if (configured.Count == 0)
        {
            configured = ConfigNode.Strings(config.Root, "secrets.default");
        }

        if (configured.Count > 0)
        {
            Cookie = configured.Select(s => Encoding.UTF8.GetBytes(s)).ToArray();
            return;
        }

        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            Log.GeneratedCookieSecret(logger);
        }

        Cookie = [ProcessSecret.Value];
    }

    /// <summary>Cookie secrets in configured order: index 0 protects, all open.</summary>
    public IReadOnlyList<byte[]> Cookie { get; }
}
