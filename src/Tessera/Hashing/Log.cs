namespace Tessera.Hashing;

internal static partial class Log
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Warning, Message = "Password hashing: {Reason}.")]
    public static partial void HashWorkerTrouble(ILogger logger, string reason);
}
