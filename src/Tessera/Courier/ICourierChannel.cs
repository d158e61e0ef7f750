namespace Tessera.Courier;

/// <summary>One way out for messages (Kratos's <c>courier.Channel</c>): SMTP or an HTTP endpoint, chosen by the message's channel id.</summary>
internal interface ICourierChannel
{
    /// <summary>The channel id messages name: <c>email</c>, <c>sms</c>, …</summary>
    string Id { get; }

    /// <summary>
    /// Hands the message to the provider. Returns <see cref="DeliveryOutcome.Delivered"/> as soon as the provider took it
    /// and a failed outcome otherwise; it does not throw for delivery problems.
    /// </summary>
    Task<DeliveryOutcome> DeliverAsync(CourierMessage message, CancellationToken ct);
}
