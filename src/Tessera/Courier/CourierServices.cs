namespace Tessera.Courier;

internal static class CourierServices
{
    /// <summary>
    /// Registers the courier: its options (loaded and checked at start-up by <see cref="CourierOptions.LoadAsync"/>), the
    /// queue the flows call, the channels and, when <paramref name="watch"/>, the <see cref="Dispatcher"/> that delivers.
    /// </summary>
    public static IServiceCollection AddCourier(this IServiceCollection services, CourierOptions options, bool watch)
    {
        services.AddSingleton(options);
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
