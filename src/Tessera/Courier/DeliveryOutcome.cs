using System.Text.Json.Nodes;

namespace Tessera.Courier;

/// <summary>
/// How one attempt ended. A failure is retried with back-off unless it is <see cref="Permanent"/> (the provider refused
/// the message itself, as an SMTP 5xx answer), which abandons the message at once, as Kratos does.
/// </summary>
internal sealed record DeliveryOutcome(bool Delivered, string Reason = "", string Detail = "", bool Permanent = false)
{
    public static DeliveryOutcome Success { get; } = new(true);

    public static DeliveryOutcome Failed(string reason, string detail, bool permanent = false) => new(false, reason, detail, permanent);

    /// <summary>The dispatch's <c>error</c>: Kratos stores the herodot error of the attempt, a 500 with reason and message.</summary>
    public JsonObject ErrorJson() => new()
    {
        ["code"] = 500,
        ["status"] = "Internal Server Error",
        ["reason"] = Reason,
        ["message"] = Detail,
    };
}
