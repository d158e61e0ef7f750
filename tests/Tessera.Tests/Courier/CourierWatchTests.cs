using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Tessera.Config;
using Tessera.Courier;
using Tessera.Hosting;
using Tessera.Persistence;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Infrastructure.HttpJson;

namespace Tessera.Tests.Courier;

/// <summary>
/// <c>tessera courier watch</c> as a real process: killed while a message is on the wire, nothing is lost and nothing is
/// sent twice; SIGTERM stops it cleanly.
/// </summary>
public abstract class CourierWatchTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected abstract Task<TestDatabase?> CreateDatabaseAsync();

    [Fact]
    public async Task Killed_mid_send_and_restarted_each_message_is_delivered_exactly_once()
    {
        await using var testDatabase = await CreateDatabaseAsync() ?? SkipPostgres();
        await using var sink = SmtpSink.Start();
        var folder = Directory.CreateTempSubdirectory("tessera-courier-");
        try
        {
            var config = Config(testDatabase.Dsn, sink);
            var file = Path.Combine(folder.FullName, "kratos.json");
            await File.WriteAllTextAsync(file, config.ToJsonString(), Ct);
            Assert.Empty(ConfigLoader.Load([file], []).Errors);
            await using var database = Open(testDatabase.Dsn);
            await new Migrator(database).ApplyAsync(Ct);
            var store = new CourierStore(database);
            var queue = new CourierQueue(database, store, new CourierSignal(), TimeProvider.System);
            var recipients = new[] { Unique("stall-first"), Unique("second"), Unique("third") };
            var ids = new List<Guid>();
            foreach (var recipient in recipients)
            {
                ids.Add(await queue.EnqueueAsync(CourierTestServer.Stub(recipient), Ct));
                await Task.Delay(5, Ct); // distinct created_at, so the worker takes them in this order
            }

            // The worker claims all three and hangs on the first: the sink has the whole message but has not answered DATA.
            using (var process = StartWatch(file))
            {
                try
                {
                    await sink.WaitForStallAsync(TimeSpan.FromSeconds(60));
                    foreach (var id in ids)
                    {
                        Assert.Equal(CourierMessageStatus.Processing, (await store.GetAsync(id, Ct))!.Status);
                    }
                }
                finally
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(Ct);
                }
            }

            sink.ReleaseStalls(); // the dead worker's session ends without delivery
            Assert.Empty(sink.Received);

            // A new worker after the lease ran out (its clock is past it) takes the three over and sends each once.
            var later = new FakeTimeProvider(DateTimeOffset.UtcNow + Dispatcher.Lease + TimeSpan.FromMinutes(1));
            using (var host = await CourierWorkerHost.BuildAsync(new TesseraConfig(config, null, false), new TesseraAppOptions { Time = later }, Ct))
            {
                await host.StartAsync(Ct);
                foreach (var recipient in recipients)
                {
                    await sink.WaitForAsync(recipient);
                }

                await Until(async () => (await Task.WhenAll(ids.Select(id => store.GetAsync(id, Ct)))).All(m => m!.Status == CourierMessageStatus.Sent));
                await host.StopAsync(Ct);
            }

            foreach (var recipient in recipients)
            {
                Assert.Single(sink.For(recipient));
            }

            var first = (await store.GetAsync(ids[0], Ct))!;
            Assert.Equal(2, first.SendCount); // the attempt the kill cut short counts
            Assert.Equal(CourierDispatch.Success, Assert.Single(first.Dispatches).Status);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Sigterm_stops_the_worker_cleanly_after_it_delivered()
    {
        await using var testDatabase = await CreateDatabaseAsync() ?? SkipPostgres();
        await using var sink = SmtpSink.Start();
        var folder = Directory.CreateTempSubdirectory("tessera-courier-");
        try
        {
            var file = Path.Combine(folder.FullName, "kratos.json");
            await File.WriteAllTextAsync(file, Config(testDatabase.Dsn, sink).ToJsonString(), Ct);
            await using var database = Open(testDatabase.Dsn);
            await new Migrator(database).ApplyAsync(Ct);
            var queue = new CourierQueue(database, new CourierStore(database), new CourierSignal(), TimeProvider.System);
            var to = Unique("watch");
            await queue.EnqueueAsync(CourierTestServer.Stub(to), Ct);

            using var process = StartWatch(file);
            try
            {
                await sink.WaitForAsync(to, TimeSpan.FromSeconds(60));
                using (var kill = Process.Start("kill", $"-TERM {process.Id}"))
                {
                    await kill.WaitForExitAsync(Ct);
                }

                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await process.WaitForExitAsync(timeout.Token);
                Assert.Equal(0, process.ExitCode);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    static JsonObject Config(string dsn, SmtpSink sink)
    {
        var config = TesseraServer.DefaultConfig(dsn, FreePort.Next(), FreePort.Next());
        config.Remove("dev");
        config["identity"]!["schemas"] = new JsonArray(new JsonObject
        {
            ["id"] = "default",
            ["url"] = "file://" + TesseraServer.FixturePath("schemas", "email-password.schema.json"),
        });
        config["selfservice"] = new JsonObject { ["default_browser_return_url"] = "http://127.0.0.1:4455/" };
        config["courier"] = new JsonObject
        {
            ["smtp"] = new JsonObject { ["connection_uri"] = sink.Uri() },
            ["worker"] = new JsonObject { ["pull_wait"] = "100ms" },
        };
        return config;
    }

    /// <summary>Runs <c>courier watch</c> from the build, or from the binary TESSERA_TEST_BINARY names (a NativeAOT publish).</summary>
    static Process StartWatch(string configFile)
    {
        var arguments = $"courier watch -c \"{configFile}\"";
        var binary = Environment.GetEnvironmentVariable("TESSERA_TEST_BINARY");
        var info = new ProcessStartInfo(string.IsNullOrEmpty(binary) ? "dotnet" : binary,
            string.IsNullOrEmpty(binary) ? $"\"{Path.Combine(AppContext.BaseDirectory, "tessera.dll")}\" {arguments}" : arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment.Remove("DSN");
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    static Database Open(string dsnText) => Dsn.TryParse(dsnText, out var dsn, out var error) ? new Database(dsn) : throw new InvalidOperationException(error);

    static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the condition never held");
            }

            await Task.Delay(50, Ct);
        }
    }

    static TestDatabase SkipPostgres()
    {
        Assert.Skip(TestDatabase.PostgresUnavailableReason() ?? "PostgreSQL is not available");
        return null!;
    }
}

public sealed class CourierWatchTests_Sqlite : CourierWatchTests
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(TestDatabase.Sqlite());
}

public sealed class CourierWatchTests_Postgres : CourierWatchTests
{
    private protected override async Task<TestDatabase?> CreateDatabaseAsync() =>
        TestDatabase.PostgresUnavailableReason() is null ? await TestDatabase.PostgresAsync() : null;
}
