namespace Tessera.Hooks.WebHooks;

/// <summary>
/// Web hook events. A hook is named by its <c>id</c> or config key and its target by host only: URLs, headers, bodies
/// and answers can carry credentials and personal data, so none of them is logged.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Debug, Message = "Web hook {Hook} to {Host} succeeded with {Status}")]
    public static partial void Succeeded(ILogger logger, string hook, string host, int status);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "Web hook {Hook} to {Host} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string hook, string host, string reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning,
        Message = "Web hook {Hook} to {Host} failed, which is ignored because its response is configured to be ignored: {Reason}")]
    public static partial void IgnoredFailure(ILogger logger, string hook, string host, string reason);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Debug, Message = "Web hook {Hook}: the body template cancelled the request")]
    public static partial void Cancelled(ILogger logger, string hook);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Web hook {Hook} to {Host} refused the flow with {Status}")]
    public static partial void Refused(ILogger logger, string hook, string host, int status);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Web hook {Hook}: the header {Header} cannot be sent and is left out")]
    public static partial void HeaderSkipped(ILogger logger, string hook, string header);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Error, Message = "Web hook {Hook} running in the background failed unexpectedly")]
    public static partial void BackgroundCrashed(ILogger logger, string hook, Exception exception);
}
