using Tessera.Config;
using Tessera.Courier;
using Tessera.Persistence;

namespace Tessera.Hosting;

/// <summary>The host of <c>tessera courier watch</c>: the courier worker alone, no listener, stopped by SIGTERM or Ctrl-C.</summary>
internal static class CourierWorkerHost
{
    public static async Task<IHost> BuildAsync(TesseraConfig config, TesseraAppOptions? options = null, CancellationToken ct = default)
    {
        options ??= new TesseraAppOptions();
        if (!Dsn.TryParse(config.Dsn, out var dsn, out var dsnError))
        {
            throw new StartupException("dsn: " + dsnError);
        }

        if (dsn.InMemory)
        {
            // An in-memory database lives in one process: a separate worker would watch an empty queue of its own.
            throw new StartupException("dsn: the courier worker needs the database the server writes to; an in-memory DSN is private to one process");
        }

        CourierOptions courier;
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
        {
            courier = await CourierOptions.LoadAsync(config, http, ct).ConfigureAwait(false);
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        TesseraApp.ConfigureLogging(builder.Logging, config, options);
        var database = new Database(dsn);
        builder.Services.AddSingleton(config);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(options.Time ?? TimeProvider.System);
        builder.Services.AddCourier(courier, watch: true);
        var host = builder.Build();

        var migrator = new Migrator(database);
        if (options.Migrate || config.Dev)
        {
            await migrator.ApplyAsync(ct).ConfigureAwait(false);
        }

        var pending = await migrator.PendingAsync(ct).ConfigureAwait(false);
        if (pending.Count > 0)
        {
            host.Dispose();
            await database.DisposeAsync().ConfigureAwait(false);
            throw new StartupException($"dsn: the database has {pending.Count} pending migrations; run `tessera migrate sql -e --yes` first");
        }

        return host;
    }
}
