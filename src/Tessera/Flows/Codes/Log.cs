namespace Tessera.Flows.Codes;

internal static partial class Log
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Account recovery was requested for an unknown address (notified: {Notified})")]
    public static partial void RecoveryForUnknownAddress(ILogger logger, bool notified);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Address verification was requested for an unknown address (notified: {Notified})")]
    public static partial void VerificationForUnknownAddress(ILogger logger, bool notified);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "A {TemplateType} message was not queued: its recipient is not an e-mail address")]
    public static partial void RecipientNotAnEmailAddress(ILogger logger, string templateType);
}
