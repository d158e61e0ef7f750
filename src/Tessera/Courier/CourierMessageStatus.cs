namespace Tessera.Courier;

/// <summary>Where a message is in its life: <c>queued</c> → <c>processing</c> → <c>sent</c>, or <c>abandoned</c>.</summary>
internal enum CourierMessageStatus
{
    Queued,
    Processing,
    Sent,
    Abandoned,
}

internal static class CourierMessageStatusNames
{
    public static string Wire(this CourierMessageStatus status) => status switch
    {
        CourierMessageStatus.Queued => "queued",
        CourierMessageStatus.Processing => "processing",
        CourierMessageStatus.Sent => "sent",
        CourierMessageStatus.Abandoned => "abandoned",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Exact, case-sensitive names, as Kratos's <c>ToMessageStatus</c> accepts them.</summary>
    public static bool TryParse(string? value, out CourierMessageStatus status)
    {
        (var ok, status) = value switch
        {
            "queued" => (true, CourierMessageStatus.Queued),
            "processing" => (true, CourierMessageStatus.Processing),
            "sent" => (true, CourierMessageStatus.Sent),
            "abandoned" => (true, CourierMessageStatus.Abandoned),
            _ => (false, CourierMessageStatus.Queued),
        };
        return ok;
    }
}
