using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Tessera.Errors;

namespace Tessera.Security;

/// <summary>
/// Slows down password guessing: submissions to credential endpoints (login, registration) are limited per client
/// address with a token bucket. Kratos leaves this to a proxy in front; Tessera does it itself so a bare deployment is
/// not an open guessing oracle. Set by <c>TESSERA_CREDENTIAL_RATE_LIMIT</c> as <c>BURST/PER_SECOND</c> (default
/// <c>60/1</c>: sixty at once, then one a second per address) or <c>off</c>.
/// </summary>
internal sealed class CredentialRateLimit : IAsyncDisposable
{
    public const string Variable = "TESSERA_CREDENTIAL_RATE_LIMIT";

    readonly PartitionedRateLimiter<HttpContext>? _limiter;

    public CredentialRateLimit(string? setting)
    {
        if (!TryParse(setting, out var burst, out var perSecond, out var error))
        {
            throw new ArgumentException($"{Variable}: {error}");
        }

        if (burst == 0)
        {
            return;
        }

        _limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public static bool TryParse(string? setting, out int burst, out int perSecond, out string error)
    {
        (burst, perSecond, error) = (60, 1, "");
        if (string.IsNullOrWhiteSpace(setting))
        {
            return true;
        }

        if (setting.Trim().Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            (burst, perSecond) = (0, 0);
            return true;
        }

        var parts = setting.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out burst)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out perSecond) && burst > 0 && perSecond > 0)
        {
            return true;
        }

        error = $"\"{setting}\" is not BURST/PER_SECOND (for example 60/1) or off";
        return false;
    }

    /// <summary>The answer when the caller is over its budget (429 with Retry-After), or null to go on.</summary>
    public IResult? Check(HttpContext context)
    {
        if (_limiter is null)
        {
            return null;
        }

        using var lease = _limiter.AttemptAcquire(context);
        if (lease.IsAcquired)
        {
            return null;
        }

        context.Response.Headers.RetryAfter = "1";
        return new ApiErrorResult(new ApiError(429, "Too many requests were made, please try again later",
            Reason: "Too many credential submissions from this address; wait a moment and try again."));
    }

    // The connection's address: forwarded headers are only trusted when a proxy is configured to set them (not yet).
    static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();

    public ValueTask DisposeAsync() => _limiter?.DisposeAsync() ?? ValueTask.CompletedTask;
}
