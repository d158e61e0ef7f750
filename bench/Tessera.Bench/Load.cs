using System.Diagnostics;
using System.Net;

namespace Tessera.Bench;

/// <summary>What one bounded load run measured.</summary>
internal sealed record LoadResult(long[] Ticks, long Failed, double Seconds, long MaxRssKb, double ServerCpuSeconds)
{
    /// <summary>CPU time the server process spent per answered request (user + system), in microseconds.</summary>
    public double CpuMicrosPerRequest => Ok == 0 ? double.NaN : ServerCpuSeconds * 1e6 / Ok;

    public long Ok => Ticks.LongLength;
    public double PerSecond => Ok / Seconds;
    public double P50Ms => Percentile(0.50);
    public double P99Ms => Percentile(0.99);

    double Percentile(double p) =>
        Ticks.Length == 0 ? double.NaN : Ticks[Math.Min(Ticks.Length - 1, (int)(p * Ticks.Length))] * 1000.0 / Stopwatch.Frequency;

    /// <summary>Several slices of the same load as one result (the slices are interleaved with another server's).</summary>
    public static LoadResult Merge(IReadOnlyList<LoadResult> parts)
    {
        var all = parts.SelectMany(p => p.Ticks).ToArray();
        Array.Sort(all);
        return new LoadResult(all, parts.Sum(p => p.Failed), parts.Sum(p => p.Seconds), parts.Max(p => p.MaxRssKb), parts.Sum(p => p.ServerCpuSeconds));
    }
}

/// <summary>
/// A small closed-loop HTTP/1.1 load driver: N connections (one task each), each sending one request, reading the
/// whole answer, then the next. Latencies are kept per worker and merged at the end (exact p50/p99, no sampling).
/// </summary>
internal static class Load
{
    public static HttpClient Client(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
    })
    { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Runs <paramref name="send"/> from <paramref name="connections"/> workers for <paramref name="duration"/>;
    /// send returns true when the answer was the expected one. Samples the RSS of <paramref name="rssPid"/> meanwhile.</summary>
    public static async Task<LoadResult> RunAsync(int connections, TimeSpan duration, Func<int, long, Task<bool>> send, int? rssPid = null)
    {
        var latencies = new List<long>[connections];
        var failed = new long[connections];
        using var stop = new CancellationTokenSource();
        var maxRss = 0L;
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && rssPid is int pid)
            {
                maxRss = Math.Max(maxRss, Procs.RssKb(pid));
                try { await Task.Delay(100, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var cpu0 = rssPid is int p0 ? Procs.CpuSeconds(p0) : 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<long>(1 << 16);
            long i = w;
            while (!stop.IsCancellationRequested)
            {
                var t0 = Stopwatch.GetTimestamp();
                bool ok;
                try { ok = await send(w, i).ConfigureAwait(false); }
                catch (HttpRequestException) { ok = false; }
                catch (TaskCanceledException) { ok = false; }
                var t1 = Stopwatch.GetTimestamp();
                if (ok) mine.Add(t1 - t0); else failed[w]++;
                i += connections;
            }
        })).ToArray();
        stop.CancelAfter(duration);
        await Task.WhenAll(workers).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = rssPid is int p1 ? Procs.CpuSeconds(p1) - cpu0 : 0;
        await sampler.ConfigureAwait(false);
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadResult(all, failed.Sum(), seconds, maxRss, cpu);
    }

    /// <summary>GET with one header; true on 200 (the body is read to the end).</summary>
    public static async Task<bool> GetAsync(HttpClient client, Uri uri, string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation(header, value);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        await response.Content.CopyToAsync(Stream.Null).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.OK;
    }
}
