using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Tessera.Hashing;
using Tessera.Tests.Infrastructure;
using Xunit;

namespace Tessera.Tests.Hashing;

/// <summary>
/// The Argon2id worker processes: real <c>tessera hash-worker</c> children (the app host beside tessera.dll in the test
/// output), driven through the hashing gate as the password strategy drives them.
/// </summary>
public sealed class Argon2WorkerTests
{
    static readonly Argon2Options Small = new() { MemoryKiB = 1024, Iterations = 1, SaltLength = 16, KeyLength = 32 };

    static ProcessStartInfo WorkerStart() =>
        Argon2WorkerProcess.DefaultStart() ?? throw new InvalidOperationException("no tessera app host beside the tests");

    [Fact]
    public void A_worker_derives_the_same_key_as_the_server_process()
    {
        var password = "correct horse"u8.ToArray();
        var salt = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        using var worker = new Argon2WorkerProcess(WorkerStart(), null, reason => Assert.Fail(reason));

        var fromWorker = worker.Derive(password, salt, 1024, 2, 32);

        Assert.NotEqual(0, worker.Pid);
        Assert.Equal(Argon2Worker.DeriveInProcess(password, salt, 1024, 2, 32), fromWorker);
        Assert.NotEqual(fromWorker, worker.Derive("correct horsf"u8, salt, 1024, 2, 32));
    }

    [Fact]
    public async Task Hashes_made_through_the_gate_run_in_worker_processes_and_verify()
    {
        var pids = new List<int>();
        using var gate = new HashingGate(WorkerStart());
        var hasher = new Argon2Hasher(Small);

        var hash = await gate.RunAsync(() => hasher.Hash("correct horse"), CancellationToken.None);
        var verified = await gate.RunAsync(() => HashFormats.Verify("correct horse", hash), CancellationToken.None);
        var wrong = await gate.RunAsync(() => HashFormats.Verify("correct horsf", hash), CancellationToken.None);

        Assert.True(verified);
        Assert.False(wrong);
        Assert.True(HashFormats.Verify("correct horse", hash)); // and in this process: the same algorithm
        Assert.Contains(ChildrenOfThisProcess(), p => p.Contains(Argon2Worker.Command, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_hashing_with_argon2id_logs_in_through_its_worker_processes()
    {
        await using var server = await TesseraServer.StartAsync(TestDatabase.Sqlite(), c =>
            c["hashers"] = new JsonObject { ["algorithm"] = "argon2", ["argon2"] = new JsonObject { ["memory"] = "1MB", ["iterations"] = 1 } });
        var created = await server.Admin.PostJsonAsync("/admin/identities", JsonNode.Parse("""
            {"traits":{"email":"argon@example.com"},"credentials":{"password":{"config":{"password":"a long and fine password"}}}}
            """)!);
        Assert.Equal(HttpStatusCode.Created, created.Status);

        var (_, flow, _) = await server.Public.GetJsonAsync("/self-service/login/api");
        var login = await server.Public.PostJsonAsync($"/self-service/login?flow={flow!["id"]}", JsonNode.Parse("""
            {"method":"password","identifier":"argon@example.com","password":"a long and fine password"}
            """)!);
        var (_, flow2, _) = await server.Public.GetJsonAsync("/self-service/login/api");
        var wrong = await server.Public.PostJsonAsync($"/self-service/login?flow={flow2!["id"]}", JsonNode.Parse("""
            {"method":"password","identifier":"argon@example.com","password":"a long and fine passworf"}
            """)!);

        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal(4000006, wrong.Body!["ui"]!["messages"]![0]!["id"]!.GetValue<int>());
        Assert.Contains(ChildrenOfThisProcess(), c => c.Contains(Argon2Worker.Command, StringComparison.Ordinal));
    }

    [Fact]
    public void A_worker_that_dies_is_replaced_and_the_hash_still_succeeds()
    {
        var troubles = new List<string>();
        var salt = new byte[16];
        using var worker = new Argon2WorkerProcess(WorkerStart(), null, troubles.Add);
        var expected = worker.Derive("pw"u8, salt, 1024, 1, 32);
        var first = worker.Pid;

        using (var child = Process.GetProcessById(first))
        {
            child.Kill();
            child.WaitForExit();
        }

        Assert.Equal(expected, worker.Derive("pw"u8, salt, 1024, 1, 32));
        Assert.NotEqual(0, worker.Pid);
        Assert.NotEqual(first, worker.Pid);
    }

    [Fact]
    public void Without_a_worker_executable_hashes_run_in_process_and_the_reason_is_reported()
    {
        var troubles = new List<string>();
        var start = new ProcessStartInfo(Path.Combine(Path.GetTempPath(), "no-such-tessera-" + Guid.NewGuid()), [Argon2Worker.Command])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        using var worker = new Argon2WorkerProcess(start, null, troubles.Add);
        var salt = new byte[16];

        Assert.Equal(Argon2Worker.DeriveInProcess("pw"u8, salt, 1024, 1, 32), worker.Derive("pw"u8, salt, 1024, 1, 32));
        Assert.Equal(0, worker.Pid);
        Assert.Contains(troubles, t => t.Contains("could not be started", StringComparison.Ordinal));
    }

    [Fact]
    public void A_worker_ends_when_its_input_closes()
    {
        var worker = new Argon2WorkerProcess(WorkerStart(), null, null);
        worker.Derive("pw"u8, new byte[16], 1024, 1, 32);
        using var child = Process.GetProcessById(worker.Pid);

        worker.Dispose();

        Assert.True(child.WaitForExit(5000));
    }

    [Fact]
    public void A_malformed_request_is_answered_with_an_error_and_the_worker_exits()
    {
        using var child = Process.Start(WorkerStart())!;
        var input = child.StandardInput.BaseStream;
        input.Write(new byte[20]); // key length 0: below the minimum
        input.Flush();

        var key = Argon2Worker.ReadAnswer(child.StandardOutput.BaseStream, out var reason);

        Assert.Null(key);
        Assert.Equal("malformed request", reason);
        Assert.True(child.WaitForExit(5000));
        Assert.Equal(2, child.ExitCode);
    }

    /// <summary>Command lines of this process's children (from /proc), to see that workers really are separate processes.</summary>
    static List<string> ChildrenOfThisProcess()
    {
        var self = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[1] == self)
                {
                    found.Add(File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' '));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // a process that ended while we looked
            }
        }

        return found;
    }
}
