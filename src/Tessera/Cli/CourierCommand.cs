using System.CommandLine;
using Tessera.Config;
using Tessera.Hosting;

namespace Tessera.Cli;

/// <summary><c>tessera courier watch [-c FILE]</c>: the courier worker alone, as Kratos's <c>kratos courier watch</c>.</summary>
internal static class CourierCommand
{
    public static Command Create()
    {
        var config = ConfigOptions.Config();
        var metricsPort = new Option<int?>("--expose-metrics-port")
        {
            Description = "Accepted for Kratos compatibility; the Tessera worker exposes no metrics endpoint yet.",
        };
        var watch = new Command("watch", "Deliver queued email and SMS until stopped (SIGTERM or Ctrl-C).") { config, metricsPort };
        watch.SetAction((parse, ct) => WatchAsync(parse.GetValue(config), parse.GetValue(metricsPort), ct));
        var courier = new Command("courier", "The courier: delivery of email and SMS messages.");
        courier.Subcommands.Add(watch);
        return courier;
    }

    static async Task<int> WatchAsync(string[]? files, int? metricsPort, CancellationToken ct)
    {
        var config = ConfigOptions.Load(files, dev: false);
        if (config is null)
        {
            return 1;
        }

        IHost host;
        try
        {
            host = await CourierWorkerHost.BuildAsync(config, ct: ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StartupException or System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException)
        {
            Console.Error.WriteLine("The courier worker cannot start: " + e.Message);
            return 1;
        }

        using (host)
        {
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tessera.Cli");
            if (metricsPort is not null)
            {
                Log.UnsupportedConfigKey(logger, "--expose-metrics-port");
            }

            foreach (var key in UnsupportedKeys.Find(config.Root, SupportedKeys.Paths).Where(k => k.StartsWith("courier.", StringComparison.Ordinal)))
            {
                Log.UnsupportedConfigKey(logger, key);
            }

            await host.StartAsync(ct).ConfigureAwait(false);
            Console.WriteLine($"Tessera {VersionCommand.Version} courier worker is up.");
            await host.WaitForShutdownAsync(ct).ConfigureAwait(false);
        }

        return 0;
    }
}
