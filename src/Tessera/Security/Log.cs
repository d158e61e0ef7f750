namespace Tessera.Security;

internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning,
        Message = "Neither secrets.cookie nor secrets.default is set; cookies are protected with a random secret that changes on every restart")]
    public static partial void GeneratedCookieSecret(ILogger logger);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Neither secrets.cipher nor secrets.default is set; credential secrets (TOTP keys, lookup codes) are stored unencrypted")]
    public static partial void CredentialSecretsInClear(ILogger logger);
}
