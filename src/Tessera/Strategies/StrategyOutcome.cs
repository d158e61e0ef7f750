using Tessera.Errors;
using Tessera.Identities;

namespace Tessera.Strategies;

internal enum OutcomeKind
{
    /// <summary>The submission is for another method: try the next strategy.</summary>
    NotResponsible,

    /// <summary>The identity proved itself (login) or was created (registration).</summary>
    Succeeded,

    /// <summary>Validation failed; the messages are on the flow already.</summary>
    Invalid,

    /// <summary>A plain error (4xx/5xx) that is not shown in the flow.</summary>
    Failed,
}

/// <summary>What a strategy did with a submission: a value, never an exception.</summary>
internal sealed record StrategyOutcome(OutcomeKind Kind, Identity? Identity = null, string? Method = null, string? Aal = null, ApiError? Error = null)
{
    public static readonly StrategyOutcome NotResponsible = new(OutcomeKind.NotResponsible);

    public static readonly StrategyOutcome Invalid = new(OutcomeKind.Invalid);

    public static StrategyOutcome Succeeded(Identity identity, string method, string aal) => new(OutcomeKind.Succeeded, identity, method, aal);

    public static StrategyOutcome Failed(ApiError error) => new(OutcomeKind.Failed, Error: error);
}
