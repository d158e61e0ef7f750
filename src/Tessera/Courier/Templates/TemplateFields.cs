using System.Text.Json.Nodes;

namespace Tessera.Courier.Templates;

/// <summary>
/// What a flow knows when it queues a message. Each template type takes the fields it has (see
/// <see cref="TemplateLayout"/>); <see cref="Code"/> and <see cref="Url"/> become RecoveryCode, VerificationURL and so on.
/// </summary>
internal sealed record TemplateFields
{
    /// <summary>The recipient: an email address or a phone number.</summary>
    public required string To { get; init; }

    /// <summary>The one-time code (recovery, verification, login or registration).</summary>
    public string? Code { get; init; }

    /// <summary>The recovery or verification link.</summary>
    public string? Url { get; init; }

    /// <summary>The identity as its public JSON (id, schema_id, traits, verifiable_addresses, …).</summary>
    public JsonObject? Identity { get; init; }

    /// <summary>The submitted traits, for registration codes sent before the identity exists.</summary>
    public JsonObject? Traits { get; init; }

    /// <summary>The URL of the request that started the flow.</summary>
    public string? RequestUrl { get; init; }

    /// <summary>The host of <see cref="RequestUrl"/> for SMS WebOTP lines; derived from it when not given.</summary>
    public string? RequestUrlDomain { get; init; }

    public JsonObject? TransientPayload { get; init; }

    public int ExpiresInMinutes { get; init; }

    public string? ChangedAt { get; init; }

    public string? AddedAt { get; init; }

    /// <summary>Stub messages only.</summary>
    public string? Subject { get; init; }

    /// <summary>Stub messages only.</summary>
    public string? Body { get; init; }

    /// <summary>Stub messages only.</summary>
    public string? HtmlBody { get; init; }
}
