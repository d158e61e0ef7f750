namespace Tessera.Courier;

/// <summary>Courier events. Subjects and bodies carry codes and links and recipients are personal data: none of them is logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Courier worker started: up to {PullCount} messages every {PullWait}, {Retries} retries")]
    public static partial void WorkerStarted(ILogger logger, int pullCount, TimeSpan pullWait, int retries);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "Courier sent message {MessageId} ({TemplateType}) through channel {Channel}")]
    public static partial void MessageSent(ILogger logger, Guid messageId, string templateType, string channel);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning,
        Message = "Courier could not deliver message {MessageId} through channel {Channel} (attempt {Attempt}): {Reason}: {Detail}; next attempt at {RetryAt:O}")]
    public static partial void DeliveryFailed(ILogger logger, Guid messageId, string channel, int attempt, string reason, string detail, DateTime retryAt);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning,
        Message = "Courier abandoned message {MessageId} for channel {Channel} after {Attempts} attempts: {Reason}: {Detail}")]
    public static partial void MessageAbandoned(ILogger logger, Guid messageId, string channel, int attempts, string reason, string detail);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "Courier worker could not pull or record messages; trying again in {Wait}")]
    public static partial void PullFailed(ILogger logger, TimeSpan wait, Exception exception);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning,
        Message = "Courier lost its claim on message {MessageId} before sending it (its lease ran out); another worker has it")]
    public static partial void ClaimLost(ILogger logger, Guid messageId);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Courier handed {Count} claimed messages it had not begun back to the queue")]
    public static partial void Released(ILogger logger, int count);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Error, Message = "Courier channel {Channel} failed unexpectedly on message {MessageId}")]
    public static partial void ChannelCrashed(ILogger logger, string channel, Guid messageId, Exception exception);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Debug, Message = "SMTP QUIT after delivery failed: {Detail}")]
    public static partial void SmtpQuitFailed(ILogger logger, string detail);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Courier HTTP channel {Channel} got {Status} for message {MessageId}: {Body}")]
    public static partial void HttpDeliveryRefused(ILogger logger, Guid messageId, string channel, int status, string body);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Courier HTTP channel {Channel}: the header {Header} cannot be sent and is left out")]
    public static partial void HttpHeaderSkipped(ILogger logger, string channel, string header);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning,
        Message = "Courier could not hand back {Count} claimed messages it did not begin; they go out once their lease runs out")]
    public static partial void ReleaseFailed(ILogger logger, int count, Exception exception);
}
