// Tessera's benchmark suite (issue 4): runs the native Tessera binary and the floor (bench/Floor) on loopback, on
// SQLite and (with --postgres) on PostgreSQL, seeds sessions through the real APIs, drives load with a small
// closed-loop driver, and prints one table of figures, ratios to the floor and the targets.
//
//   dotnet run --project bench/Tessera.Bench -c Release -- [--quick] [--postgres DSN] [--tessera PATH] [--floor PATH]
//                                                          [--sessions N] [--duration SECONDS] [--import N] [--list N]
//                                                          [--only whoami,argon2,import,list] [--docs docs/benchmarks.md]
//
// Nothing here asserts timings; it measures and reports.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using Tessera.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var opt = Options.Parse(args);
if (opt is null)
{
    Console.Error.WriteLine("usage: Tessera.Bench [--quick] [--postgres DSN] [--tessera PATH] [--floor PATH] [--sessions N] [--duration SECONDS] [--import N] [--list N] [--only whoami,argon2,import,list] [--docs FILE] [--keep]");
    return 2;
}

var root = Options.RepoRoot();
var work = Directory.CreateTempSubdirectory("tessera-bench-").FullName;
Console.WriteLine($"bench: work folder {work}");
var report = new Report(opt);
try
{
    await Suite.RunAsync(opt, root, work, report);
}
finally
{
    if (!opt.Keep) { try { Directory.Delete(work, recursive: true); } catch (IOException) { } }
}

var text = report.Render();
Console.WriteLine();
Console.WriteLine(text);
if (opt.Docs is string docs)
{
    var path = Path.IsPathRooted(docs) ? docs : Path.Combine(Environment.CurrentDirectory, docs);
    Report.WriteInto(path, text);
    Console.WriteLine($"bench: table written into {docs}");
}
return 0;

namespace Tessera.Bench
{
    internal sealed class Options
    {
        public bool Quick { get; private set; }
        public string? Postgres { get; private set; }
        public string? Tessera { get; private set; }
        public string? Floor { get; private set; }
        public int Sessions { get; private set; }
        public TimeSpan Duration { get; private set; }
        public string? Docs { get; private set; }
        public bool Keep { get; private set; }
        public int ImportIdentities { get; private set; }
        public int ListIdentities { get; private set; }
        public IReadOnlySet<string> Scenarios { get; private set; } = AllScenarios;

        /// <summary>whoami: seeding, start-up, whoami, bcrypt logins and the login storm; then argon2, import, list.</summary>
        public static readonly IReadOnlySet<string> AllScenarios = new HashSet<string> { "whoami", "argon2", "import", "list" };

        public bool Runs(string scenario) => Scenarios.Contains(scenario);
        public IReadOnlyList<string> Args { get; private set; } = [];

        public static Options? Parse(string[] args)
        {
            var o = new Options { Args = args };
            int? sessions = null;
            double? seconds = null;
            int? importCount = null, listCount = null;
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value");
                switch (args[i])
                {
                    case "--quick": o.Quick = true; break;
                    case "--postgres": o.Postgres = Next(); break;
                    case "--tessera": o.Tessera = Path.GetFullPath(Next()); break;
                    case "--floor": o.Floor = Path.GetFullPath(Next()); break;
                    case "--sessions": sessions = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--duration": seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--docs": o.Docs = Next(); break;
                    case "--keep": o.Keep = true; break;
                    case "--import": importCount = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--list": listCount = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--only":
                        o.Scenarios = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
                        if (!o.Scenarios.IsSubsetOf(AllScenarios)) return null;
                        break;
                    default: return null;
                }
            }
            o.Sessions = sessions ?? (o.Quick ? 1_000 : 10_000);
            o.Duration = TimeSpan.FromSeconds(seconds ?? (o.Quick ? 5 : 10));
            o.ImportIdentities = importCount ?? (o.Quick ? 10_000 : 100_000);
            o.ListIdentities = listCount ?? (o.Quick ? 100_000 : 1_000_000);
            return o;
        }

        public static string RepoRoot()
        {
            for (var d = new DirectoryInfo(Environment.CurrentDirectory); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "Tessera.sln"))) return d.FullName;
            }
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "Tessera.sln"))) return d.FullName;
            }
            throw new InvalidOperationException("run from inside the Tessera repository (no Tessera.sln found above here)");
        }
    }
}
