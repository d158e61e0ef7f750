namespace Tessera.Hosting;

internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Unhandled exception while serving {Method} {Path}")]
    public static partial void UnhandledException(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Public API listening on {Url}")]
    public static partial void PublicListening(ILogger logger, string url);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Admin API listening on {Url}")]
    public static partial void AdminListening(ILogger logger, string url);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Config key {Key} is valid for Kratos but not supported by Tessera yet; it is ignored")]
    public static partial void UnsupportedConfigKey(ILogger logger, string key);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void ConfigWarning(ILogger logger, string message);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "The database has {Count} pending migrations; run `tessera migrate sql -e --yes` (readiness answers 503 until then)")]
    public static partial void PendingMigrations(ILogger logger, int count);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Applied migration {Version} {Name}")]
    public static partial void AppliedMigration(ILogger logger, string version, string name);
}
