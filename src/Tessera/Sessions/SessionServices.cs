using Tessera.Security;

namespace Tessera.Sessions;

internal static class SessionServices
{
    /// <summary>Registers sessions: options, cookie protection, the store, the authenticator and the issuer the flows call.</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddSingleton<SessionOptions>();
        services.AddSingleton<Secrets>();
        services.AddSingleton<CookieCipher>();
        services.AddSingleton<Cipher>();
        services.AddSingleton<SessionCookie>();
        services.AddSingleton<SessionCache>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SessionAuthenticator>();
        services.AddSingleton<SessionAalPolicy>();
        services.AddSingleton<SessionIssuer>();
        return services;
    }
}
