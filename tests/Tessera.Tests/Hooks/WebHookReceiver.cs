using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tessera.Tests.Hooks;

/// <summary>One request a web hook target received: method, path, every header (all values), and the body as text.</summary>
internal sealed record HookCall(string Method, string Path, IReadOnlyDictionary<string, string[]> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var values) ? string.Join(", ", values) : null;
}

/// <summary>
/// A real web hook target on Kestrel loopback. It records every request and answers per path as the test tells it:
/// a status and a JSON body (200 and nothing by default), or holding the request until <see cref="Release"/>.
/// </summary>
internal sealed class WebHookReceiver : IAsyncDisposable
{
    readonly ConcurrentQueue<HookCall> _calls = new();
    readonly ConcurrentDictionary<string, (int Status, string? Json)> _answers = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new(StringComparer.Ordinal);
    readonly CancellationTokenSource _stopping = new();
    WebApplication _app = null!;

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<HookCall> Calls => _calls.ToArray();

    public static WebHookReceiver Start()
    {
        var receiver = new WebHookReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(receiver.HandleAsync);
        app.Start();
        receiver._app = app;
        receiver.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return receiver;
    }

    /// <summary>The full URL of <paramref name="path"/> on this receiver.</summary>
    public string At(string path) => new Uri(Url, path).ToString();

    /// <summary>Answers requests to <paramref name="path"/> with <paramref name="status"/> and, when given, the JSON body.</summary>
    public void Answer(string path, int status, string? json = null) => _answers["/" + path] = (status, json);

    /// <summary>Holds requests to <paramref name="path"/> (they stay unanswered) until <see cref="Release"/>.</summary>
    public void Hold(string path) => _holds["/" + path] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(string path)
    {
        if (_holds.TryRemove("/" + path, out var hold))
        {
            hold.TrySetResult();
        }
    }

    public IReadOnlyList<HookCall> CallsTo(string path) => Calls.Where(c => c.Path == "/" + path).ToList();

    /// <summary>Waits until <paramref name="count"/> requests to <paramref name="path"/> arrived (background hooks come a little later).</summary>
    public async Task<IReadOnlyList<HookCall>> WaitForAsync(string path, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var calls = CallsTo(path);
            if (calls.Count >= count)
            {
                return calls;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"{count} request(s) to /{path} did not arrive; got {CallsTo(path).Count}");
    }

    async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Path.Value ?? "";
        _calls.Enqueue(new HookCall(context.Request.Method, path,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? "").ToArray(), StringComparer.OrdinalIgnoreCase), body));
        if (_holds.TryGetValue(path, out var hold))
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await hold.Task.WaitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var (status, json) = _answers.TryGetValue(path, out var answer) ? answer : (200, null);
        context.Response.StatusCode = status;
        if (json is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
