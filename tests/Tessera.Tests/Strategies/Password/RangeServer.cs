using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tessera.Tests.Infrastructure;

namespace Tessera.Tests.Strategies.Password;

/// <summary>
/// A real HTTP server on loopback speaking the breached-password range API: <c>GET /range/{prefix}</c> answers
/// <c>SUFFIX:COUNT</c> lines with CRLF, padding entries counting 0, for the passwords it was given. It counts requests.
/// </summary>
internal sealed class RangeServer : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    int _requests;

    RangeServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>When set, every request is answered with this status and no body.</summary>
    public int? ForcedStatus { get; set; }

    public string? LastAddPaddingHeader { get; private set; }

    public string? LastPath { get; private set; }

    public static async Task<RangeServer> StartAsync(IReadOnlyDictionary<string, long> breached)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new RangeServer(app, new Uri($"http://127.0.0.1:{port}/"));
        foreach (var (password, count) in breached)
        {
            server._counts[Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(password)))] = count;
        }

        app.MapGet("/range/{prefix}", (string prefix, HttpContext http) => server.Answer(prefix, http));
        await app.StartAsync();
        return server;
    }

    IResult Answer(string prefix, HttpContext http)
    {
        Interlocked.Increment(ref _requests);
        LastAddPaddingHeader = http.Request.Headers["Add-Padding"].ToString();
        LastPath = http.Request.Path.Value;
        if (ForcedStatus is { } status)
        {
            return Results.StatusCode(status);
        }

        var body = new StringBuilder();
        // Padding first and last, with leading zeros in the count and a stray space, as real answers vary.
        body.Append("0018A45C4D1DEF81644B54AB7F969B88D65:0\r\n");
        foreach (var (hash, count) in _counts.Where(c => c.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            body.Append(hash.AsSpan(5)).Append(':').Append(count).Append("\r\n");
        }

        body.Append("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF: 00\r\n");
        return Results.Text(body.ToString(), "text/plain");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
