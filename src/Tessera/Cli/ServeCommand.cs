using System.CommandLine;
using Tessera.Config;
using Tessera.Hosting;
using Tessera.Schemas;

namespace Tessera.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var config = ConfigOptions.Config();
        var dev = ConfigOptions.Dev();
        // Kratos delivers mail from `serve` only with --watch-courier; Tessera does by default, and --watch-courier=false leaves it to `courier watch`.
        var watchCourier = new Option<bool>("--watch-courier")
        {
            Description = "Run the courier worker in this process (the default; pass --watch-courier=false to leave delivery to `tessera courier watch`).",
            DefaultValueFactory = _ => true,
        };
        var sqaOptOut = new Option<bool>("--sqa-opt-out") { Description = "Accepted for Kratos compatibility; Tessera sends no usage data." };
        var command = new Command("serve", "Run the public and admin APIs.") { config, dev, watchCourier, sqaOptOut };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(config), parse.GetValue(dev), parse.GetValue(watchCourier), ct));
        return command;
    }

    static async Task<int> RunAsync(string[]? files, bool dev, bool watchCourier, CancellationToken ct)
    {
        var config = ConfigOptions.Load(files, dev);
        if (config is null)
        {
            return 1;
        }

        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            app = await TesseraApp.BuildAsync(config, new TesseraAppOptions { Migrate = config.Dev, WatchCourier = watchCourier }, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StartupException or SchemaLoadException or System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException)
        {
            Console.Error.WriteLine("Tessera cannot start: " + e.Message);
            return 1;
        }

        await using (app.ConfigureAwait(false))
        {
            foreach (var key in UnsupportedKeys.Find(config.Root, SupportedKeys.Paths))
            {
                Log.UnsupportedConfigKey(app.Logger, key);
            }

            foreach (var hook in new Flows.FlowOptions(config).UnsupportedHooks())
            {
                Log.UnsupportedConfigKey(app.Logger, hook);
            }

            try
            {
                await app.StartAsync(ct).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine("Tessera cannot start: " + e.Message);
                return 1;
            }

            StartupWork.ReleaseStartupMemorySoon(ct);
            Console.WriteLine($"Tessera {VersionCommand.Version} is up.");
            Console.WriteLine($"  public API: {config.Public.BaseUrl}  (listening on {config.Public.Host}:{config.Public.Port})");
            Console.WriteLine($"  admin API:  {config.Admin.BaseUrl}  (listening on {config.Admin.Host}:{config.Admin.Port})");
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
        }

        return 0;
    }
}
