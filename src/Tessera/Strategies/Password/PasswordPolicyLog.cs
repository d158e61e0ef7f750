namespace Tessera.Strategies.Password;

/// <summary>Password policy events (3400–3409). Passwords and their hashes are never arguments here.</summary>
internal static partial class PasswordPolicyLog
{
    [LoggerMessage(EventId = 3400, Level = LogLevel.Warning, Message = "Breached-password range server {Host} could not be reached ({Error}: {Detail})")]
    public static partial void RangeUnreachable(ILogger logger, string host, string error, string detail);

    [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "Breached-password range server {Host} answered {Status}")]
    public static partial void RangeStatus(ILogger logger, string host, int status);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Warning, Message = "Breached-password range server {Host} sent an answer that is not a range list")]
    public static partial void RangeMalformed(ILogger logger, string host);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Error, Message = "Password refused: the breached-password range server is unavailable and ignore_network_errors is false")]
    public static partial void BreachCheckUnavailable(ILogger logger);
}
