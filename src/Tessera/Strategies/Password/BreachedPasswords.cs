using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Tessera.Strategies.Password;

/// <summary>
/// Counts how often a password appears in known breaches with the k-anonymity range API of Have I Been Pwned
/// (or a mirror): only the first five hex digits of the password's SHA-1 leave the process, and the matching suffix
/// is looked up locally. Counts are cached for an hour. Neither the password nor its hash is ever logged.
/// </summary>
internal sealed class BreachedPasswords : IDisposable
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromHours(1);
    public const int DefaultCacheCapacity = 10_000;

    /// <summary>A range answer is about 35 KB (more with padding); anything far larger is not a range answer.</summary>
    const int MaxResponseBytes = 1 << 20;

    readonly HttpClient _http;
    readonly bool _ownsHttp;
    readonly Uri _rangeBase;
    readonly TimeProvider _time;
    readonly ILogger _logger;
    readonly BreachedPasswordsCache _cache;

    /// <summary>Owns an HttpClient with a 1 s connect timeout and a 5 s overall timeout.</summary>
    public BreachedPasswords(Uri rangeBase, TimeProvider time, ILogger<BreachedPasswords> logger, int cacheCapacity = DefaultCacheCapacity)
        : this(CreateHttpClient(), ownsHttp: true, rangeBase, time, logger, cacheCapacity)
    {
    }

    /// <summary>Uses the caller's HttpClient (not disposed here); the overall timeout still applies per request.</summary>
    public BreachedPasswords(HttpClient http, Uri rangeBase, TimeProvider time, ILogger<BreachedPasswords> logger, int cacheCapacity = DefaultCacheCapacity)
        : this(http, ownsHttp: false, rangeBase, time, logger, cacheCapacity)
    {
    }

    BreachedPasswords(HttpClient http, bool ownsHttp, Uri rangeBase, TimeProvider time, ILogger logger, int cacheCapacity)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(rangeBase);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _ownsHttp = ownsHttp;
        _rangeBase = rangeBase;
        _time = time;
        _logger = logger;
        _cache = new BreachedPasswordsCache(time, CacheLifetime, cacheCapacity);
    }

    /// <summary>
    /// How many breaches contain <paramref name="password"/> (0 when none), or null when the range server could not be
    /// asked: a network error, a timeout, a status other than 200 or an answer that is not a range list.
    /// </summary>
    public async ValueTask<long?> CountAsync(string password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(password);
        var hash = Sha1Hex(password);
        if (_cache.TryGet(hash, out var cached))
        {
            return cached;
        }

        var prefix = hash[..5];
        var suffix = hash.AsMemory(5);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_rangeBase, prefix));
            request.Headers.TryAddWithoutValidation("Add-Padding", "true");
            request.Headers.UserAgent.ParseAdd("Tessera");
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                PasswordPolicyLog.RangeStatus(_logger, _rangeBase.Host, (int)response.StatusCode);
                return null;
            }

            if (response.Content.Headers.ContentLength > MaxResponseBytes)
            {
                PasswordPolicyLog.RangeMalformed(_logger, _rangeBase.Host);
                return null;
            }

            var body = await ReadBoundedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            if (body is null || !TryFindCount(body, suffix.Span, out var count))
            {
                PasswordPolicyLog.RangeMalformed(_logger, _rangeBase.Host);
                return null;
            }

            _cache.Set(hash, count);
            return count;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            PasswordPolicyLog.RangeUnreachable(_logger, _rangeBase.Host, e.GetType().Name, e.Message);
            return null;
        }
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>
    /// Finds the count of <paramref name="suffix"/> in lines <c>SUFFIX:COUNT</c> (CRLF or LF, padding entries
    /// counting 0). A line without a count counts 1, as the service has been seen to send them. False when a line
    /// is not of that form.
    /// </summary>
    internal static bool TryFindCount(string body, ReadOnlySpan<char> suffix, out long count)
    {
        count = 0;
        foreach (var raw in body.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            var colon = line.IndexOf(':');
            var lineSuffix = colon < 0 ? line : line[..colon].TrimEnd();
            long lineCount = 1;
            if (colon >= 0 && !long.TryParse(line[(colon + 1)..].TrimStart(), NumberStyles.None, CultureInfo.InvariantCulture, out lineCount))
            {
                return false;
            }

            if (lineSuffix.Equals(suffix, StringComparison.OrdinalIgnoreCase))
            {
                count = lineCount;
            }
        }

        return true;
    }

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "The range API is keyed by SHA-1; it is an identifier here, never a password hash to store.")]
    internal static string Sha1Hex(string password)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return Convert.ToHexString(SHA1.HashData(bytes));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    static async Task<string?> ReadBoundedAsync(HttpContent content, CancellationToken ct)
    {
        var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxResponseBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }

    static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        ConnectTimeout = ConnectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
        AllowAutoRedirect = false,
        UseCookies = false,
    })
    {
        Timeout = RequestTimeout,
    };
}
