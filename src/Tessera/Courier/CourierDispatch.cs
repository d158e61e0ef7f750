using System.Text.Json.Nodes;

namespace Tessera.Courier;

/// <summary>One delivery attempt of a message (Kratos's <c>messageDispatch</c>): <c>success</c>, or <c>failed</c> with the error.</summary>
internal sealed record CourierDispatch(Guid Id, Guid MessageId, string Status, JsonObject? Error, DateTime CreatedAt, DateTime UpdatedAt)
{
    public const string Success = "success";
    public const string Failed = "failed";
}
