using System.Globalization;
using System.Text;

namespace Tessera.Bench;

internal sealed class BackendResult(string name)
{
    public string Name { get; } = name;
    public int Sessions { get; set; }
    public int ImportCount { get; set; }
    public double ImportSeconds { get; set; }
    public double SeedLoginsPerSecond { get; set; }
    public double SingleHashSeconds { get; set; }
    public double ParallelHashesPerSecond { get; set; }
    public LoadResult? TesseraWhoami { get; set; }
    public LoadResult? FloorWhoami { get; set; }
    public LoadResult? TesseraWhoamiCookie { get; set; }
    public int CookieSessions { get; set; }
    public long TesseraRssUnderLoadKb { get; set; }
    public long FloorRssUnderLoadKb { get; set; }
    public LoadResult? Logins { get; set; }
    public LoadResult? WhoamiDuringStorm { get; set; }
    public LoadResult? StormLogins { get; set; }
    public int BulkImportCount { get; set; }
    public double BulkImportSeconds { get; set; }
    public double BulkInsertSeconds { get; set; }
    public int ListIdentities { get; set; }
    public double ListFirstMs { get; set; }
    public double ListDeepMs { get; set; }
}

/// <summary>Collects the figures and renders them as one Markdown block (printed, and optionally written into the docs).</summary>
internal sealed class Report(Options options)
{
    public const string Begin = "<!-- bench:begin (written by bench/Tessera.Bench --docs; do not edit by hand) -->";
    public const string End = "<!-- bench:end -->";

    readonly List<BackendResult> _backends = [];
    public long TesseraBinaryBytes { get; private set; }
    public long TesseraFolderBytes { get; private set; }
    public long FloorBinaryBytes { get; private set; }

    /// <summary>Sizes are read when the binaries are known (a published work folder is gone by the time the report renders).</summary>
    public void Binaries(string tessera, string floor)
    {
        TesseraBinaryBytes = new FileInfo(tessera).Length;
        TesseraFolderBytes = Directory.EnumerateFiles(Path.GetDirectoryName(tessera)!)
            .Where(p => !p.EndsWith(".dbg", StringComparison.Ordinal) && !p.EndsWith(".pdb", StringComparison.Ordinal) && !p.EndsWith(".json", StringComparison.Ordinal))
            .Sum(p => new FileInfo(p).Length);
        FloorBinaryBytes = new FileInfo(floor).Length;
    }
    public string LoadAverageAtStart { get; } = Machine.LoadAverage();
    public double TesseraStartMs { get; set; }

    /// <summary>argon2id (Tessera's defaults: 128 MB, t=1, one lane): logins, the in-process single hash, RSS after them.</summary>
    public LoadResult? Argon2Logins { get; set; }

    public double Argon2SingleHashSeconds { get; set; }

    /// <summary>In-process argon2id hashes per second with one thread per core.</summary>
    public double Argon2ParallelHashesPerSecond { get; set; }

    public int Argon2LoginCount { get; set; }

    public long Argon2RssAfterKb { get; set; }
    public double FloorStartMs { get; set; }
    public long TesseraIdleRssKb { get; set; }
    public long FloorIdleRssKb { get; set; }

    public BackendResult Backend(string name)
    {
        var b = new BackendResult(name);
        _backends.Add(b);
        return b;
    }

    static string F(double v, string format) => double.IsNaN(v) ? "—" : v.ToString(format, CultureInfo.InvariantCulture);
    static string Mb(long kb) => F(kb / 1024.0, "F1") + " MB";
    static string Met(bool ok) => ok ? "**met**" : "**not met**";

    public string Render()
    {
        var cores = Environment.ProcessorCount;
        var sb = new StringBuilder();
        var quick = options.Quick ? " (**quick** sizes: not the issue's full sizes)" : "";
        var shownArgs = string.Join(' ', options.Args.Select(a => a.StartsWith("postgres", StringComparison.Ordinal) ? "DSN" : a.Contains('/', StringComparison.Ordinal) ? "PATH" : a));
        sb.AppendLine(CultureInfo.InvariantCulture, $"Run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, source at commit {Machine.SourceCommit()}, arguments `{shownArgs}`{quick}.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine.Cpu()}, {cores} cores, {Machine.MemoryGb()} GB memory, {Machine.Os()}; load driver and servers share the cores; load average {LoadAverageAtStart} at the start, {Machine.LoadAverage()} at the end (other work on the machine shows here).");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Sessions: {_backends.FirstOrDefault()?.Sessions ?? 0} live; whoami with 32 connections for {options.Duration.TotalSeconds} s (two slices, interleaved Tessera/floor, each after 1 s warm-up); logins with 8 connections.");
        sb.AppendLine();
        sb.AppendLine("| Figure | Tessera | Floor / reference | Ratio | Target | Met? |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var b in _backends)
        {
            if (b.TesseraWhoami is { } t && b.FloorWhoami is { } f)
            {
                var tr = t.PerSecond / f.PerSecond;
                var pr = t.P99Ms / f.P99Ms;
                sb.AppendLine(CultureInfo.InvariantCulture, $"| whoami by X-Session-Token, {b.Name}: throughput | {F(t.PerSecond, "F0")} req/s ({t.Failed} failed) | {F(f.PerSecond, "F0")} req/s ({f.Failed} failed) | {F(tr, "F2")} | ≥ 0.8 | {Met(tr >= 0.8)} |");
                sb.AppendLine(CultureInfo.InvariantCulture, $"| whoami by X-Session-Token, {b.Name}: p99 (p50) | {F(t.P99Ms, "F2")} ms ({F(t.P50Ms, "F2")} ms) | {F(f.P99Ms, "F2")} ms ({F(f.P50Ms, "F2")} ms) | {F(pr, "F2")} | ≤ 2 | {Met(pr <= 2)} |");
            }
            if (b.TesseraWhoamiCookie is { } ck && b.FloorWhoami is { } f2)
            {
                var tr = ck.PerSecond / f2.PerSecond;
                var pr = ck.P99Ms / f2.P99Ms;
                sb.AppendLine(CultureInfo.InvariantCulture, $"| whoami by cookie ({b.CookieSessions} cookies), {b.Name}: throughput, vs the floor's token lookup | {F(ck.PerSecond, "F0")} req/s ({ck.Failed} failed) | {F(f2.PerSecond, "F0")} req/s | {F(tr, "F2")} | ≥ 0.8 | {Met(tr >= 0.8)} |");
                sb.AppendLine(CultureInfo.InvariantCulture, $"| whoami by cookie, {b.Name}: p99 (p50) | {F(ck.P99Ms, "F2")} ms ({F(ck.P50Ms, "F2")} ms) | {F(f2.P99Ms, "F2")} ms ({F(f2.P50Ms, "F2")} ms) | {F(pr, "F2")} | ≤ 2 | {Met(pr <= 2)} |");
            }
            if (b.WhoamiDuringStorm is { } s && b.TesseraWhoami is { } u)
            {
                var sr = s.PerSecond / u.PerSecond;
                sb.AppendLine(CultureInfo.InvariantCulture, $"| whoami during a bcrypt-12 login storm, {b.Name} (p99) | {F(s.PerSecond, "F0")} req/s ({F(s.P99Ms, "F1")} ms), {F(b.StormLogins?.PerSecond ?? double.NaN, "F2")} logins/s meanwhile | {F(u.PerSecond, "F0")} req/s unloaded | {F(sr, "F2")} | ≥ 0.5 | {Met(sr >= 0.5)} |");
            }
            if (b.Logins is { } l)
            {
                var ideal = cores / b.SingleHashSeconds;
                var lr = l.PerSecond / ideal;
                sb.AppendLine(CultureInfo.InvariantCulture, $"| password logins, bcrypt cost 12, {b.Name} (p50) | {F(l.PerSecond, "F2")} logins/s ({F(l.P50Ms, "F0")} ms, {l.Failed} failed) | {cores} cores ÷ {F(b.SingleHashSeconds * 1000, "F0")} ms single hash (median of 5, in-process) = {F(ideal, "F2")}/s | {F(lr, "F2")} | ≥ 0.9 | {Met(lr >= 0.9)} |");
                sb.AppendLine(CultureInfo.InvariantCulture, $"| password logins vs in-process bcrypt-12 on {cores} threads, {b.Name} (informational) | {F(l.PerSecond, "F2")} logins/s | {F(b.ParallelHashesPerSecond, "F2")} hashes/s | {F(l.PerSecond / b.ParallelHashesPerSecond, "F2")} | — | — |");
            }
            if (b.ImportCount > 0)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"| seeding: import of {b.ImportCount} identities by `PATCH /admin/identities`, {b.Name} (informational) | {F(b.ImportCount / b.ImportSeconds, "F0")} identities/s ({F(b.ImportSeconds, "F1")} s) | — | — | — | — |");
                sb.AppendLine(CultureInfo.InvariantCulture, $"| seeding: api-flow logins at bcrypt cost 4, {b.Name} (informational) | {F(b.SeedLoginsPerSecond, "F0")} logins/s | — | — | — | — |");
            }
            if (b.TesseraWhoami is { } tc && b.FloorWhoami is { } fc)
            {
                var db = b.Name == "SQLite" ? "" : " (the database server's own CPU not included)";
                var cookieCpu = b.TesseraWhoamiCookie is { } cc ? $"; by cookie {F(cc.CpuMicrosPerRequest, "F0")} µs" : "";
                sb.AppendLine(CultureInfo.InvariantCulture, $"| server CPU per whoami, {b.Name}{db} (informational) | {F(tc.CpuMicrosPerRequest, "F0")} µs by token{cookieCpu} | {F(fc.CpuMicrosPerRequest, "F0")} µs | {F(tc.CpuMicrosPerRequest / fc.CpuMicrosPerRequest, "F2")} | — | — |");
            }
            if (b.TesseraRssUnderLoadKb > 0)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"| RSS under whoami load (max), {b.Name} | {Mb(b.TesseraRssUnderLoadKb)} | {Mb(b.FloorRssUnderLoadKb)} | — | — | — |");
            }
        }
        var binary = TesseraBinaryBytes;
        var beside = TesseraFolderBytes;
        var floorBinary = FloorBinaryBytes;
        sb.AppendLine(CultureInfo.InvariantCulture, $"| native binary size (with the libraries beside it) | {F(binary / 1048576.0, "F1")} MiB ({F(beside / 1048576.0, "F1")} MiB) | floor {F(floorBinary / 1048576.0, "F1")} MiB | — | ≤ 30 MB, read as MiB | {Met(binary <= 30L * 1024 * 1024)} |");
        if (TesseraStartMs > 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| exec to `/health/ready` 200, SQLite, migrations applied (median of 5) | {F(TesseraStartMs, "F1")} ms | floor exec to `/hello`: {F(FloorStartMs, "F1")} ms | — | ≤ 60 ms | {Met(TesseraStartMs <= 60)} |");
            sb.AppendLine(CultureInfo.InvariantCulture, $"| idle RSS after the first requests, SQLite | {Mb(TesseraIdleRssKb)} | floor {Mb(FloorIdleRssKb)} | — | ≤ 50 MB | {Met(TesseraIdleRssKb <= 50 * 1024)} |");
        }
        if (Argon2Logins is { } a)
        {
            var ideal = cores / Argon2SingleHashSeconds;
            var ratio = a.PerSecond / ideal;
            sb.AppendLine(CultureInfo.InvariantCulture, $"| password logins, argon2id 128 MB t=1, SQLite (p50) | {F(a.PerSecond, "F2")} logins/s ({F(a.P50Ms, "F0")} ms, {a.Failed} failed) | {cores} cores ÷ {F(Argon2SingleHashSeconds * 1000, "F0")} ms single hash (median of 5, in-process) = {F(ideal, "F2")}/s | {F(ratio, "F2")} | ≥ 0.9 | {Met(ratio >= 0.9)} |");
            sb.AppendLine(CultureInfo.InvariantCulture, $"| password logins vs in-process argon2id on {cores} threads, SQLite (informational) | {F(a.PerSecond, "F2")} logins/s | {F(Argon2ParallelHashesPerSecond, "F2")} hashes/s | {F(a.PerSecond / Argon2ParallelHashesPerSecond, "F2")} | — | — |");
            var rssVerdict = Argon2LoginCount >= 1000 ? Met(Argon2RssAfterKb <= 150 * 1024) : "fewer than 1,000 logins (--quick)";
            sb.AppendLine(CultureInfo.InvariantCulture, $"| RSS after {Argon2LoginCount} argon2id logins, SQLite | {Mb(Argon2RssAfterKb)} | — | — | ≤ 150 MB (after 1,000) | {rssVerdict} |");
        }
        foreach (var b in _backends.Where(b => b.BulkImportCount > 0))
        {
            var ratio = b.BulkInsertSeconds / b.BulkImportSeconds;
            var verdict = b.BulkImportCount >= 100_000 ? Met(ratio >= 0.5) : $"{Met(ratio >= 0.5)} at {b.BulkImportCount} (the target is at 100,000)";
            sb.AppendLine(CultureInfo.InvariantCulture, $"| import {b.BulkImportCount} identities (pre-hashed) by `PATCH /admin/identities`, 1,000 a batch, {b.Name} | {F(b.BulkImportCount / b.BulkImportSeconds, "F0")} identities/s ({F(b.BulkImportSeconds, "F2")} s) | the same rows by one multi-row INSERT per table: {F(b.BulkImportCount / b.BulkInsertSeconds, "F0")} identities/s ({F(b.BulkInsertSeconds, "F2")} s) | {F(ratio, "F2")} | ≥ 0.5 | {verdict} |");
        }
        foreach (var b in _backends.Where(b => b.ListIdentities > 0))
        {
            var ratio = b.ListDeepMs / b.ListFirstMs;
            var verdict = b.ListIdentities >= 1_000_000 ? Met(ratio <= 1.5) : $"{Met(ratio <= 1.5)} at {b.ListIdentities} (the target is at 1,000,000)";
            sb.AppendLine(CultureInfo.InvariantCulture, $"| admin list at {b.ListIdentities} identities, {250} a page, {b.Name}: a page 99% deep (median of {21}) | {F(b.ListDeepMs, "F2")} ms | first page {F(b.ListFirstMs, "F2")} ms | {F(ratio, "F2")} | ≤ 1.5 | {verdict} |");
        }
        if (options.Postgres is null)
        {
            sb.AppendLine("| PostgreSQL scenarios | not run (no `--postgres DSN`) | | | | |");
        }
        return sb.ToString();
    }

    /// <summary>Replaces the text between the markers in <paramref name="path"/> (appends the markers when absent).</summary>
    public static void WriteInto(string path, string block)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : "";
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        var inner = Begin + "\n" + block.TrimEnd() + "\n" + End;
        text = start >= 0 && end > start ? text[..start] + inner + text[(end + End.Length)..] : text.TrimEnd() + "\n\n" + inner + "\n";
        File.WriteAllText(path, text);
    }
}

internal static class Machine
{
    public static string Cpu() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

    public static string MemoryGb()
    {
        var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        if (line is null) return "?";
        var kb = long.Parse(line.AsSpan(9).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
        return (kb / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    public static string Os() => System.Runtime.InteropServices.RuntimeInformation.OSDescription;

    /// <summary>The checkout's commit (with "+changes" when the tree differs from it), or "unknown" outside git.</summary>
    public static string SourceCommit()
    {
        static string? Git(params string[] args)
        {
            try
            {
                var psi = new System.Diagnostics.ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in args) psi.ArgumentList.Add(a);
                using var p = System.Diagnostics.Process.Start(psi);
                var output = p?.StandardOutput.ReadToEnd().Trim();
                p?.WaitForExit();
                return p?.ExitCode == 0 ? output : null;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }

        var commit = Git("rev-parse", "--short", "HEAD");
        return commit is null ? "unknown" : commit + (string.IsNullOrEmpty(Git("status", "--porcelain", "--untracked-files=no")) ? "" : "+changes");
    }
}
