namespace Tessera.Flows.Codes;

/// <summary>
/// A recovery or verification secret as stored: a 6-digit code (<see cref="Code"/>) or a link token
/// (<see cref="Link"/>), bound to one flow and one identity, and for self-service ones to the address it was sent to.
/// The secret itself is never stored, only its HMAC.
/// </summary>
internal sealed record OneTimeCode
{
    public const string Code = "code";
    public const string Link = "link";

    /// <summary>Sent by a flow to an address the user gave.</summary>
    public const string SelfService = "selfservice";

    /// <summary>Made by <c>POST /admin/recovery/code|link</c>: no address was proven, so none is marked verified.</summary>
    public const string Admin = "admin";

    public Guid Id { get; init; } = Guid.NewGuid();

    public required Guid FlowId { get; init; }

    /// <summary><see cref="Code"/> or <see cref="Link"/>.</summary>
    public required string Method { get; init; }

    /// <summary><see cref="SelfService"/> or <see cref="Admin"/>.</summary>
    public string CodeType { get; init; } = SelfService;

    public required Guid IdentityId { get; init; }

    public string? AddressVia { get; init; }

    public string? AddressValue { get; init; }

    public required DateTime ExpiresAt { get; init; }

    public DateTime? UsedAt { get; init; }

    public DateTime CreatedAt { get; init; }
}

/// <summary>What submitting a secret to a flow came to.</summary>
internal enum CodeUseResult
{
    /// <summary>The secret matched an unused, unexpired one of the flow, which is now used.</summary>
    Used,

    /// <summary>No such secret, or it was used already.</summary>
    Invalid,

    /// <summary>The secret matched, but its lifespan is over (the code method treats it as invalid; a link restarts the flow).</summary>
    Expired,

    /// <summary>The flow saw more code submissions than <c>max_submissions</c>; even a right code is refused.</summary>
    TooOften,
}
