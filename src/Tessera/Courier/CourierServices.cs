using Tessera.Config;

namespace Tessera.Courier;

internal static class CourierServices
{
    /// <summary>
    /// Registers the courier: options (checked now, so a bad <c>courier</c> key stops start-up), the queue the flows call,
    /// the channels and, when <paramref name="watch"/>, the <see cref="Dispatcher"/> that delivers.
    /// </summary>
    public static IServiceCollection AddCourier(this IServiceCollection services, TesseraConfig config, bool watch)
    {
        services.AddSingleton(new CourierOptions(config));
        services.AddSingleton<CourierSignal>();
        services.AddSingleton<CourierStore>();
        services.AddSingleton<CourierQueue>();
        services.AddSingleton<CourierChannels>();
        if (watch)
        {
            services.AddHostedService<Dispatcher>();
        }

        return services;
    }
}
