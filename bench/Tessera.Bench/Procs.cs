using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Tessera.Bench;

/// <summary>Starting, waiting for and stopping the servers under test; reading their RSS.</summary>
internal static class Procs
{
    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>Starts a process with its output going to a log file (read on failure).</summary>
    public static Process Start(string file, IEnumerable<string> args, string workDir, string log, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + file);
        var writer = new StreamWriter(log, append: true) { AutoFlush = true };
        var gate = new object();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) writer.WriteLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) writer.WriteLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    /// <summary>Runs a command to completion; throws with its output when it fails.</summary>
    public static void Run(string file, IEnumerable<string> args, string workDir, IDictionary<string, string>? env = null, bool echo = false)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workDir, RedirectStandardOutput = !echo, RedirectStandardError = !echo, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + file);
        var output = echo ? Task.FromResult("") : p.StandardOutput.ReadToEndAsync();
        var error = echo ? Task.FromResult("") : p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', psi.ArgumentList)} exited {p.ExitCode}\n{output.Result}\n{error.Result}");
        }
    }

    /// <summary>Polls until GET <paramref name="url"/> answers 200; returns the time since <paramref name="since"/>.</summary>
    public static async Task<TimeSpan> WaitOkAsync(HttpClient client, Uri url, Stopwatch since, Process p, string log, TimeSpan? limit = null)
    {
        var deadline = limit ?? TimeSpan.FromSeconds(120);
        while (since.Elapsed < deadline)
        {
            if (p.HasExited) throw new InvalidOperationException($"{url} : the process exited ({p.ExitCode}); log {log}:\n{Tail(log)}");
            try
            {
                using var r = await client.GetAsync(url).ConfigureAwait(false);
                if (r.StatusCode == HttpStatusCode.OK) return since.Elapsed;
            }
            catch (HttpRequestException) { }
            await Task.Delay(1).ConfigureAwait(false);
        }
        throw new TimeoutException($"{url} never answered 200; log {log}:\n{Tail(log)}");
    }

    public static void Stop(Process? p)
    {
        if (p is null) return;
        try
        {
            if (!p.HasExited)
            {
                // SIGTERM first (a clean shutdown), then kill.
                using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString(CultureInfo.InvariantCulture)])) kill?.WaitForExit();
                if (!p.WaitForExit(5000)) p.Kill(entireProcessTree: true);
            }
            p.WaitForExit();
        }
        catch (InvalidOperationException) { }
        p.Dispose();
    }

    /// <summary>
    /// VmRSS in kB of a process and every process below it (Tessera's Argon2id worker processes count as the server's
    /// memory); 0 when it cannot be read.
    /// </summary>
    public static long RssKb(int pid) => Tree(pid).Sum(OwnRssKb);

    /// <summary>User + system CPU seconds so far of a process and every process below it.</summary>
    public static double CpuSeconds(int pid) => Tree(pid).Sum(OwnCpuSeconds);

    /// <summary>The process and its descendants that are alive now (from the parent ids in /proc/*/stat).</summary>
    static List<int> Tree(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }

        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        }

        return tree;
    }

    static long OwnRssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }

    /// <summary>User + system CPU seconds of one process so far (from /proc/PID/stat; 0 when it cannot be read).</summary>
    static double OwnCpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is field 3 (state); utime and stime are fields 14 and 15, in clock ticks (USER_HZ = 100 on Linux).
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
    }

    public static string Tail(string file, int lines = 30)
    {
        try { return string.Join('\n', File.ReadLines(file).TakeLast(lines)); }
        catch (IOException) { return "(no log)"; }
    }
}
