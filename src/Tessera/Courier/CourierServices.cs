using Tessera.Config;

namespace Tessera.Courier;

internal static class CourierServices
{
    /// <summary>
    /// Registers the courier: options and body templates (checked now, so a bad <c>courier</c> key stops start-up), the queue the flows call,
    /// the channels and, when <paramref name="watch"/>, the <see cref="Dispatcher"/> that delivers.
    /// </summary>
    public static async Task AddCourierAsync(this IServiceCollection services, TesseraConfig config, bool watch, HttpClient http, Action<string> warn,
        CancellationToken ct)
    {
        var options = new CourierOptions(config);
        services.AddSingleton(options);
        services.AddSingleton(await CourierBodies.LoadAsync(options, config.ConfigDirectory, http, warn, ct).ConfigureAwait(false));
        services.AddSingleton<CourierSignal>();
        services.AddSingleton<CourierStore>();
        services.AddSingleton<CourierQueue>();
        services.AddSingleton<CourierChannels>();
        if (watch)
        {
            services.AddHostedService<Dispatcher>();
        }
    }
}
