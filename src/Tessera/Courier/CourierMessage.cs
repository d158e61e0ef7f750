using System.Text.Json.Nodes;

namespace Tessera.Courier;

/// <summary>
/// A rendered message in the courier queue (Kratos's <c>courier.Message</c>). Flows build one with <see cref="Email"/> or
/// <see cref="Sms"/> and hand it to <see cref="CourierQueue"/>; the queue sets the id, status and times.
/// </summary>
internal sealed record CourierMessage
{
    public Guid Id { get; init; }

    public CourierMessageType Type { get; init; }

    public CourierMessageStatus Status { get; init; } = CourierMessageStatus.Queued;

    /// <summary>The channel id: <c>email</c>, <c>sms</c> or another configured channel.</summary>
    public required string Channel { get; init; }

    /// <summary>An email address or a phone number.</summary>
    public required string Recipient { get; init; }

    /// <summary>The rendered subject; empty for SMS.</summary>
    public string Subject { get; init; } = "";

    /// <summary>The rendered plain-text body.</summary>
    public required string Body { get; init; }

    /// <summary>The rendered HTML body of an email, sent beside the plain text as multipart/alternative.</summary>
    public string? HtmlBody { get; init; }

    /// <summary>Kratos's template type (<c>verification_code_valid</c>, <c>stub</c>, …).</summary>
    public required string TemplateType { get; init; }

    /// <summary>The template's variables under their JSON names (<c>to</c>, <c>recovery_code</c>, …), as Kratos stores them.</summary>
    public JsonObject TemplateData { get; init; } = [];

    /// <summary>Delivery attempts begun so far, a claimed attempt that never finished included.</summary>
    public int SendCount { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    /// <summary>Newest first; loaded only for a single message.</summary>
    public IReadOnlyList<CourierDispatch> Dispatches { get; init; } = [];

    public static CourierMessage Email(string recipient, string subject, string body, string? htmlBody, string templateType, JsonObject? templateData = null) => new()
    {
        Type = CourierMessageType.Email,
        Channel = CourierMessageType.Email.DefaultChannel(),
        Recipient = recipient,
        Subject = subject,
        Body = body,
        HtmlBody = htmlBody,
        TemplateType = templateType,
        TemplateData = templateData ?? [],
    };

    public static CourierMessage Sms(string recipient, string body, string templateType, JsonObject? templateData = null) => new()
    {
        Type = CourierMessageType.Sms,
        Channel = CourierMessageType.Sms.DefaultChannel(),
        Recipient = recipient,
        Body = body,
        TemplateType = templateType,
        TemplateData = templateData ?? [],
    };
}
