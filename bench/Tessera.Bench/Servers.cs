using System.Diagnostics;
using System.Globalization;

namespace Tessera.Bench;

/// <summary>A Tessera binary serving a kratos.yml on two loopback ports.</summary>
internal sealed class TesseraServer : IDisposable
{
    Process? _process;
    public required Uri Public { get; init; }
    public required Uri Admin { get; init; }
    public required TimeSpan ReadyAfter { get; init; }
    public int Pid { get; private init; }

    public static async Task<TesseraServer> StartAsync(string binary, string work, string schema, string dsn, string label, int bcryptCost, bool dev = false,
        string algorithm = "bcrypt")
    {
        int pp = Procs.FreePort(), ap = Procs.FreePort();
        var config = Path.Combine(work, label + ".yml");
        await File.WriteAllTextAsync(config, $"""
            dsn: "{dsn}"
            dev: {(dev ? "true" : "false")}
            serve:
              public: {"{"} host: 127.0.0.1, port: {pp}, base_url: "http://127.0.0.1:{pp}/" {"}"}
              admin: {"{"} host: 127.0.0.1, port: {ap}, base_url: "http://127.0.0.1:{ap}/" {"}"}
            identity:
              default_schema_id: default
              schemas:
                - id: default
                  url: file://{schema}
            secrets:
              cookie: [ "bench-cookie-secret-0123456789abcdef" ]
              cipher: [ "bench-cipher-secret-0123456789ab" ]
            hashers:
              algorithm: {algorithm}
              bcrypt: {"{"} cost: {bcryptCost} {"}"}
            feature_flags:
              cacheable_sessions: true
            selfservice:
              default_browser_return_url: http://127.0.0.1:4455/
              methods:
                password:
                  config: {"{"} haveibeenpwned_enabled: false {"}"}
            """);
        var log = Path.Combine(work, label + ".log");
        var publicUrl = new Uri($"http://127.0.0.1:{pp}");
        using var poll = Load.Client(1);
        var clock = Stopwatch.StartNew();
        // One address drives thousands of logins here: the per-address credential rate limit would throttle the load itself.
        var p = Procs.Start(binary, ["serve", "-c", config], work, log, new Dictionary<string, string> { ["TESSERA_CREDENTIAL_RATE_LIMIT"] = "off" });
        var ready = await Procs.WaitOkAsync(poll, new Uri(publicUrl, "/health/ready"), clock, p, log);
        return new TesseraServer { _process = p, Public = publicUrl, Admin = new Uri($"http://127.0.0.1:{ap}"), ReadyAfter = ready, Pid = p.Id };
    }

    public void Dispose()
    {
        Procs.Stop(_process);
        _process = null;
    }
}

/// <summary>The floor (bench/Floor): seeds N sessions into its own table, then serves whoami; or "hello" mode.</summary>
internal sealed class FloorServer : IDisposable
{
    Process? _process;
    public required Uri Url { get; init; }
    public required TimeSpan ReadyAfter { get; init; }
    public int Pid { get; private init; }

    public static async Task<FloorServer> StartAsync(string binary, string work, string[] target, int sessions, string label)
    {
        var port = Procs.FreePort();
        var log = Path.Combine(work, "floor-" + label + ".log");
        var url = new Uri($"http://127.0.0.1:{port}");
        using var poll = Load.Client(1);
        var clock = Stopwatch.StartNew();
        var p = Procs.Start(binary, [target[0], target[1], port.ToString(CultureInfo.InvariantCulture), sessions.ToString(CultureInfo.InvariantCulture)], work, log);
        var ready = await Procs.WaitOkAsync(poll, new Uri(url, "/hello"), clock, p, log, TimeSpan.FromMinutes(10));
        return new FloorServer { _process = p, Url = url, ReadyAfter = ready, Pid = p.Id };
    }

    public static async Task<FloorServer> StartHelloAsync(string binary, string work)
    {
        var port = Procs.FreePort();
        var log = Path.Combine(work, "floor-hello.log");
        var url = new Uri($"http://127.0.0.1:{port}");
        using var poll = Load.Client(1);
        var clock = Stopwatch.StartNew();
        var p = Procs.Start(binary, ["hello", "-", port.ToString(CultureInfo.InvariantCulture), "0"], work, log);
        var ready = await Procs.WaitOkAsync(poll, new Uri(url, "/hello"), clock, p, log);
        return new FloorServer { _process = p, Url = url, ReadyAfter = ready, Pid = p.Id };
    }

    public void Dispose()
    {
        Procs.Stop(_process);
        _process = null;
    }
}
