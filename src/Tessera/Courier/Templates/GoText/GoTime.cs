namespace Tessera.Courier.Templates.GoText;

/// <summary>A Go time.Time: an instant with the offset and the zone abbreviation it is shown in.</summary>
internal sealed record GoTime(DateTimeOffset Instant, string? ZoneAbbreviation)
{
    public static GoTime Utc(DateTimeOffset instant) => new(instant.ToUniversalTime(), "UTC");

    /// <summary>Go's zero time, which toDate returns when the text does not match the layout.</summary>
    public static GoTime Zero { get; } = new(new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero), "UTC");
}
