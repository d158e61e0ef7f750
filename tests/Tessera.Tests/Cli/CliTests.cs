using System.Diagnostics;
using Tessera.Tests.Infrastructure;
using Xunit;

namespace Tessera.Tests.Cli;

/// <summary>The real executable as a user runs it: exit codes and messages of version, migrate and a refused config.</summary>
public sealed class CliTests
{
    static async Task<(int Exit, string Output)> RunAsync(string arguments, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "tessera.dll")}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        info.Environment.Remove("DSN");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        var (exit, output) = await RunAsync("version");
        Assert.Equal(0, exit);
        Assert.Contains("Version:", output);
    }

    [Fact]
    public async Task An_invalid_config_exits_non_zero_naming_the_key()
    {
        var folder = Directory.CreateTempSubdirectory("tessera-cli-");
        try
        {
            var file = Path.Combine(folder.FullName, "kratos.yml");
            await File.WriteAllTextAsync(file, "dsn: memory\nserve:\n  public:\n    port: abc\nidentity:\n  schemas: []\nselfservice:\n  default_browser_return_url: http://x/\n",
                TestContext.Current.CancellationToken);
            var (exit, output) = await RunAsync($"serve -c \"{file}\"");
            Assert.Equal(1, exit);
            Assert.Contains("serve.public.port", output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_e2e_base_config_alone_is_refused_naming_dsn_and_identity()
    {
        var (exit, output) = await RunAsync($"serve -c \"{TesseraServer.FixturePath("kratos", "kratos.e2e-base.yml")}\"");
        Assert.Equal(1, exit);
        Assert.Contains("dsn", output);
        Assert.Contains("identity", output);
    }

    [Fact]
    public async Task Migrate_sql_reads_the_dsn_from_the_environment_and_reports_status()
    {
        await using var database = TestDatabase.Sqlite();
        var env = new Dictionary<string, string> { ["DSN"] = database.Dsn };
        var (statusExit, before) = await RunAsync("migrate sql status -e", env);
        Assert.Equal(0, statusExit);
        Assert.Contains("Pending", before);

        var (exit, output) = await RunAsync("migrate sql -e --yes", env);
        Assert.Equal(0, exit);
        Assert.Contains("Applied", output);

        var (_, after) = await RunAsync("migrate sql status -e", env);
        Assert.Contains("The database is up to date.", after);
        Assert.DoesNotContain("Pending", after);
    }

    [Fact]
    public async Task Migrate_without_a_dsn_says_how_to_give_one()
    {
        var (exit, output) = await RunAsync("migrate sql --yes");
        Assert.Equal(1, exit);
        Assert.Contains("DSN", output);
    }
}
