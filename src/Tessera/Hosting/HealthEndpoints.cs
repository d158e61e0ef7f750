using Tessera.Cli;
using Tessera.Errors;
using Tessera.Persistence;

namespace Tessera.Hosting;

/// <summary><c>/health/alive</c>, <c>/health/ready</c> and <c>/version</c>, on both listeners.</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, string prefix)
    {
        routes.MapGet(prefix + "/health/alive", static () => Status("ok"));
        routes.MapGet(prefix + "/health/ready", static (HttpContext context, Database database, Migrator migrator, Readiness readiness) =>
            ReadyAsync(context, database, migrator, readiness));
        routes.MapGet(prefix + "/version", static () => new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("version", VersionCommand.Version);
            w.WriteEndObject();
        }));
    }

    static JsonResponse Status(string status) => new(200, w =>
    {
        w.WriteStartObject();
        w.WriteString("status", status);
        w.WriteEndObject();
    });

    static async Task<IResult> ReadyAsync(HttpContext context, Database database, Migrator migrator, Readiness readiness)
    {
        var admin = context.GetListener() == Listener.Admin;
        if (!readiness.MigrationsApplied)
        {
            // Someone may have run `migrate sql` since start-up: look again rather than stay unready until a restart.
            readiness.MigrationsApplied = (await migrator.PendingAsync(context.RequestAborted).ConfigureAwait(false)).Count == 0;
        }

        if (!readiness.MigrationsApplied)
        {
            return new ApiErrorResult(ApiErrors.Unavailable(admin
                ? "the database schema is not up to date: run `tessera migrate sql -e --yes`"
                : "The service is not ready."));
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await database.PingAsync(timeout.Token).ConfigureAwait(false);
            return Status("ok");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or OperationCanceledException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            return new ApiErrorResult(ApiErrors.Unavailable(admin ? "database: " + e.Message : "The service is not ready."));
        }
    }
}
