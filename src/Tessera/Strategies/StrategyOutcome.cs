using Tessera.Errors;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Strategies;

internal enum OutcomeKind
{
    /// <summary>The submission is for another method: try the next strategy.</summary>
    NotResponsible,

    /// <summary>
    /// The identity proved itself (login), is new and ready to be written (registration: the flow writes it after its
    /// pre-persist hooks) or was changed (settings).
    /// </summary>
    Succeeded,

    /// <summary>Validation failed; the messages are on the flow already.</summary>
    Invalid,

    /// <summary>A plain error (4xx/5xx) that is not shown in the flow.</summary>
    Failed,

    /// <summary>Settings: the change is privileged and the session's login is too old; the user must log in again.</summary>
    RefreshRequired,

    /// <summary>
    /// Recovery and verification: the flow moved on and is saved (a code or link was sent, a wrong code noted, an
    /// address verified); it is answered as it stands.
    /// </summary>
    Advanced,

    /// <summary>
    /// Recovery and verification: this flow cannot go on (completed already, too many codes, an unusable link); a new
    /// flow of the same kind takes its place, carrying <see cref="StrategyOutcome.Message"/>.
    /// </summary>
    Restart,

    /// <summary>
    /// Settings: the method changed only the form (new lookup codes to confirm, codes revealed) and saved nothing on the
    /// identity; the flow is answered as it stands, 200 or back to the UI, and is not a success (Kratos's
    /// <c>ErrStrategyAsksToReturnToUI</c>).
    /// </summary>
    ReturnToUi,

    /// <summary>
    /// The strategy moved the flow to its next screen and chose the answer itself (WebAuthn's passwordless login sends
    /// the browser back to the UI to run the ceremony); the flow is saved and <see cref="StrategyOutcome.Answer"/> sent.
    /// </summary>
    Responded,
}

/// <summary>What a strategy did with a submission: a value, never an exception.</summary>
/// <param name="Message">Restart: the message the replacement flow carries.</param>
/// <param name="FlowType">Restart: the replacement's type when it is not the old flow's (a link is opened in a browser).</param>
/// <param name="VerifiedIdentityId">Verification: the identity whose address this submission verified (for the after-hooks).</param>
/// <param name="FormPostStatus">Invalid: the redirect status for browser form posts when it is not the flow kind's usual one.</param>
internal sealed record StrategyOutcome(OutcomeKind Kind, Identity? Identity = null, string? Method = null, string? Aal = null, ApiError? Error = null,
    UiText? Message = null, string? FlowType = null, Guid? VerifiedIdentityId = null, IResult? Answer = null, int? FormPostStatus = null)
{
    public static readonly StrategyOutcome NotResponsible = new(OutcomeKind.NotResponsible);

    public static readonly StrategyOutcome Invalid = new(OutcomeKind.Invalid);

    /// <summary>
    /// Registration by code: the code was sent and the form now asks for it. Answered as <see cref="Invalid"/> (400 + flow
    /// for JSON clients) but with a 303 to the UI for form posts, where registration errors get a 302 (as Kratos does).
    /// </summary>
    public static readonly StrategyOutcome RegistrationCodeSent = new(OutcomeKind.Invalid, FormPostStatus: 303);

    public static readonly StrategyOutcome RefreshRequired = new(OutcomeKind.RefreshRequired);

    public static StrategyOutcome Succeeded(Identity identity, string method, string aal) => new(OutcomeKind.Succeeded, identity, method, aal);

    /// <summary>Settings: the identity as the method changed it, for the flow to persist.</summary>
    public static StrategyOutcome Updated(Identity identity, string method) => new(OutcomeKind.Succeeded, identity, method);

    public static StrategyOutcome Failed(ApiError error) => new(OutcomeKind.Failed, Error: error);

    public static readonly StrategyOutcome Advanced = new(OutcomeKind.Advanced);

    public static readonly StrategyOutcome ReturnToUi = new(OutcomeKind.ReturnToUi);

    /// <summary>Verification: an address of <paramref name="identityId"/> was proved and the flow ended (saved).</summary>
    public static StrategyOutcome Verified(Guid identityId) => new(OutcomeKind.Advanced, VerifiedIdentityId: identityId);

    public static StrategyOutcome Responded(IResult answer) => new(OutcomeKind.Responded, Answer: answer);

    public static StrategyOutcome Restart(UiText message, string? flowType = null) => new(OutcomeKind.Restart, Message: message, FlowType: flowType);
}
