namespace Tessera.Hooks;

/// <summary>Events of the built-in hooks; addresses are not logged (personal data).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Warning,
        Message = "A notice of the address change could not be queued for a previous {Via} address; the change itself is saved: {Reason}")]
    public static partial void PreviousAddressNoticeFailed(ILogger logger, string via, string reason);
}
