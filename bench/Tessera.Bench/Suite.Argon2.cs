using System.Diagnostics;
using System.Net;
using System.Text;

namespace Tessera.Bench;

internal static partial class Suite
{
    /// <summary>
    /// argon2id logins with Tessera's default parameters (128 MB, t=1, one lane), next to the in-process single-hash time
    /// (libsodium through NSec, as Tessera hashes), then logins until 1,000 have been made and the server's RSS after them.
    /// </summary>
    static async Task Argon2Async(Options opt, Report report, string tessera, string work, string schema)
    {
        var dsn = $"sqlite://{Path.Combine(work, "argon2.db")}?_fk=true";
        Procs.Run(tessera, ["migrate", "sql", "-e", "--yes"], work, new Dictionary<string, string> { ["DSN"] = dsn });
        using var server = await TesseraServer.StartAsync(tessera, work, schema, dsn, "argon2", 12, algorithm: "argon2");
        using (var admin = Load.Client(4))
        {
            // Clear-text passwords: the server hashes them with its own argon2id settings.
            foreach (var i in Enumerable.Range(0, LoginIdentities))
            {
                var body = "{\"traits\":{\"email\":\"login" + i + "@example.com\"},\"credentials\":{\"password\":{\"config\":{\"password\":\"" + Password + "\"}}}}";
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await admin.PostAsync(new Uri(server.Admin, "/admin/identities"), content);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException("argon2 import failed: " + response.StatusCode);
                }
            }
        }

        var algorithm = NSec.Cryptography.PasswordBasedKeyDerivationAlgorithm.Argon2id(
            new NSec.Cryptography.Argon2Parameters { DegreeOfParallelism = 1, MemorySize = 131072, NumberOfPasses = 1 });
        var salt = new byte[16];
        (report.Argon2SingleHashSeconds, report.Argon2ParallelHashesPerSecond) = TimeHashes(
            () => algorithm.DeriveBytes(Encoding.UTF8.GetBytes(Password), salt, 32), eachThread: 12);
        Console.WriteLine($"bench[argon2id]: one hash in-process {report.Argon2SingleHashSeconds * 1000:F0} ms; {Environment.ProcessorCount} threads: {report.Argon2ParallelHashesPerSecond:F2} hashes/s; logins, {LoginConnections} connections, {opt.Duration.TotalSeconds} s");
        report.Argon2Logins = await LoginLoadAsync(server.Public, server.Pid, opt.Duration);
        var done = report.Argon2Logins.Ticks.Length;
        var remaining = opt.Quick ? 0 : Math.Max(0, 1000 - done);
        var next = 0;
        using (var client = Load.Client(LoginConnections))
        {
            await Task.WhenAll(Enumerable.Range(0, LoginConnections).Select(_ => Task.Run(async () =>
            {
                int n;
                while ((n = Interlocked.Increment(ref next)) <= remaining)
                {
                    if (await LoginAsync(client, server.Public, $"login{n % LoginIdentities}@example.com") is not null)
                    {
                        Interlocked.Increment(ref done);
                    }
                }
            })));
        }

        await Task.Delay(1000);
        report.Argon2LoginCount = done;
        report.Argon2RssAfterKb = Procs.RssKb(server.Pid);
        Console.WriteLine($"bench[argon2id]:   {report.Argon2Logins.PerSecond:F2} logins/s; RSS after {done} logins {report.Argon2RssAfterKb / 1024.0:F1} MB");
    }
}
