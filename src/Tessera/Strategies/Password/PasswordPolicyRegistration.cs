using Tessera.Config;
using Tessera.Hashing;

namespace Tessera.Strategies.Password;

internal static class PasswordPolicyRegistration
{
    /// <summary>
    /// Registers <see cref="PasswordPolicy"/> and its breach client as singletons. Options are bound here, at start-up,
    /// so a bad <c>haveibeenpwned_host</c> stops the server naming the key. Needs <see cref="IPasswordHasher"/>,
    /// <see cref="TimeProvider"/> and logging registered.
    /// </summary>
    public static IServiceCollection AddPasswordPolicy(this IServiceCollection services, TesseraConfig config)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = PasswordPolicyOptions.From(config);
        services.AddSingleton(options);
        services.AddSingleton(sp => new BreachedPasswords(
            options.RangeBaseUri, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<BreachedPasswords>>()));
        services.AddSingleton(sp => new PasswordPolicy(
            options, sp.GetRequiredService<IPasswordHasher>(), sp.GetRequiredService<BreachedPasswords>(),
            sp.GetRequiredService<ILogger<PasswordPolicy>>()));
        return services;
    }
}
