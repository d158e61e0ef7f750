using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tessera.Tests.Infrastructure;

/// <summary>One request the HTTP sink received.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>A real HTTP endpoint on loopback (Kestrel) that records every request; it answers 500 when the body mentions <c>fail-</c>, else 200.</summary>
internal sealed class HttpSink : IAsyncDisposable
{
    readonly ConcurrentQueue<ReceivedRequest> _received = new();
    WebApplication _app = null!;

    public Uri Url { get; private set; } = null!;

    public IReadOnlyCollection<ReceivedRequest> Received => _received.ToArray();

    public static HttpSink Start()
    {
        var sink = new HttpSink();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            sink._received.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            context.Response.StatusCode = body.Contains("fail-", StringComparison.Ordinal) ? 500 : 200;
        });
        app.Start();
        sink._app = app;
        sink.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return sink;
    }

    public async Task<ReceivedRequest> WaitForAsync(Func<ReceivedRequest, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (_received.FirstOrDefault(match) is { } request)
            {
                return request;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"no matching request arrived; got {_received.Count}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
