using System.Globalization;

namespace Tessera.Hooks.WebHooks;

/// <summary>
/// The one HTTP client every web hook goes through, with Kratos's resilient-client behaviour: each attempt may take
/// <see cref="Timeout"/> (Kratos: 30 s); a transport error, a timeout, 429 or a 5xx other than 501 is tried again up to
/// twice, after 1 s and then 2 s (or the answer's <c>Retry-After</c>, at most 30 s); a TLS failure is not. Redirects are
/// followed as Go does, at most ten, and never from https to http or to another scheme (.NET's handler refuses those).
/// </summary>
internal sealed class WebHookClient : IDisposable
{
    /// <summary>Kratos reads at most 5 MB of a hook's answer.</summary>
    public const int MaxAnswerBytes = 5 << 20;

    const int Retries = 2;
    static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(30);

    readonly HttpClient _http;
    readonly TimeSpan _retryWait;

    public WebHookClient(TimeSpan timeout, TimeSpan retryWait)
    {
        Timeout = timeout;
        _retryWait = retryWait;
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = timeout,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
            UseCookies = false,
        })
        {
            // Each attempt is bounded below, so that a retry gets a full attempt's time.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    public TimeSpan Timeout { get; }

    /// <summary>Sends the request <paramref name="build"/> makes (a fresh one per attempt), trying again as described above.</summary>
    /// <param name="ct">cancels the whole call (not a timeout: that is answered as a failed attempt).</param>
    public async Task<WebHookReply> SendAsync(Func<HttpRequestMessage> build, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(build);
        for (var attempt = 0; ; attempt++)
        {
            var last = attempt == Retries;
            TimeSpan? retryAfter = null;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                timeout.CancelAfter(Timeout);
                try
                {
                    using var request = build();
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    var retry = status == 429 || status >= 500 && status != 501;
                    if (!retry || last)
                    {
                        var body = await ReadAsync(response, timeout.Token).ConfigureAwait(false);
                        return new WebHookReply(status, body, null, TimedOut: false, GaveUp: retry);
                    }

                    retryAfter = RetryAfter(response);
                }
                catch (Exception e) when (e is HttpRequestException or IOException || e is OperationCanceledException && !ct.IsCancellationRequested)
                {
                    // As Go's retry policy, a TLS failure is not tried again: it would fail the same way.
                    if (last || e is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError })
                    {
                        return new WebHookReply(0, [], e, TimedOut: e is OperationCanceledException || e.InnerException is TimeoutException, GaveUp: true);
                    }
                }
            }

            var wait = retryAfter ?? TimeSpan.FromTicks(_retryWait.Ticks << attempt);
            await Task.Delay(wait > MaxRetryWait ? MaxRetryWait : wait, ct).ConfigureAwait(false);
        }
    }

    static async Task<byte[]> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length < MaxAnswerBytes
               && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, MaxAnswerBytes - buffer.Length)), ct).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Go's retryablehttp honours <c>Retry-After</c> in seconds on 429 and 503.</summary>
    static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        (int)response.StatusCode is 429 or 503
        && response.Headers.TryGetValues("Retry-After", out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    public void Dispose() => _http.Dispose();
}

/// <summary>
/// How a hook's request ended: the last answer's status and body (at most 5 MB), or the transport error of the last
/// attempt (<paramref name="Status"/> 0). <paramref name="GaveUp"/>: every attempt failed or answered with a retryable status.
/// </summary>
internal sealed record WebHookReply(int Status, byte[] Body, Exception? Error, bool TimedOut, bool GaveUp);
