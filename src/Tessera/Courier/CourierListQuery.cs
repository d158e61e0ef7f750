namespace Tessera.Courier;

/// <summary>A page of the admin message list: optional filters and the last row of the previous page.</summary>
internal sealed record CourierListQuery(int Limit, CourierMessageStatus? Status = null, string? Recipient = null, CourierPageToken? After = null);
