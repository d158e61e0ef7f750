using System.Data.Common;
using Tessera.Flows;
using Tessera.Identities;

namespace Tessera.Strategies;

/// <summary>A self-service method; <see cref="Id"/> is its wire name (<c>method</c>) and credential type.</summary>
internal interface IStrategy
{
    string Id { get; }

    /// <summary>Whether <c>selfservice.methods.&lt;id&gt;.enabled</c> turns it on.</summary>
    bool Enabled { get; }
}

internal interface ILoginStrategy : IStrategy
{
    /// <summary>
    /// Whether the method takes part in a login flow that asks for <paramref name="aal"/> (<c>aal1</c>: a first factor;
    /// <c>aal2</c>: a second factor). A method can be both (<c>code</c> with passwordless and MFA on); populate and login
    /// still decide from the session identity's credentials whether there is anything to offer.
    /// </summary>
    bool OffersAal(string aal);

    /// <summary>Adds the method's nodes to a new login flow of <see cref="Flow.RequestedAal"/>.</summary>
    void PopulateLogin(FlowContext context);

    ValueTask<StrategyOutcome> LoginAsync(FlowContext context, CancellationToken ct);
}

/// <summary>
/// A login method that can finish a new second-factor flow's first step by itself (Kratos's <c>FastLoginStrategy</c>):
/// when it is the identity's only second factor, it acts at once on the stored flow.
/// </summary>
internal interface IFastLoginStrategy : ILoginStrategy
{
    /// <summary>
    /// Acts on the just-stored flow when it applies; true when the flow moved on (and is saved), so that the init call
    /// answers with the flow as it now stands.
    /// </summary>
    /// <param name="enabled">the enabled login methods, whose second factors rule the fast path out.</param>
    ValueTask<bool> FastLoginAsync(FlowContext context, IEnumerable<ILoginStrategy> enabled, CancellationToken ct);
}

/// <summary>
/// A method that creates identities. Register decides a submission: not its method, invalid (messages on the flow), or
/// <see cref="StrategyOutcome.Succeeded"/> with a new identity (traits validated, identifiers derived, credentials set)
/// that is not stored yet: the flow runs the pre-persist hooks, which may veto or change it, and then writes it (a
/// duplicate identifier becomes 4000007 on the flow), as Kratos's registration hook executor does.
/// </summary>
internal interface IRegistrationStrategy : IStrategy
{
    void PopulateRegistration(FlowContext context);

    ValueTask<StrategyOutcome> RegisterAsync(FlowContext context, CancellationToken ct);
}

/// <summary>
/// A method a user manages in the settings flow. Populate adds the method's nodes for the session's identity
/// (<see cref="FlowContext.SessionIdentity"/>, current values filled in); Update decides a submission: not its method,
/// invalid (messages on the flow), a change that needs a more recent login, or the updated identity, which the flow
/// persists and answers for. A strategy never writes the identity itself.
/// </summary>
internal interface ISettingsStrategy : IStrategy
{
    void PopulateSettings(FlowContext context);

    /// <returns>
    /// <see cref="StrategyOutcome.NotResponsible"/>, <see cref="StrategyOutcome.Invalid"/>,
    /// <see cref="StrategyOutcome.RefreshRequired"/> (the change is privileged and <see cref="FlowContext.PrivilegedSession"/>
    /// is false), <see cref="StrategyOutcome.Failed"/>, or <see cref="StrategyOutcome.Updated"/> with a changed copy of the
    /// identity (never the session's instance).
    /// </returns>
    ValueTask<StrategyOutcome> UpdateSettingsAsync(FlowContext context, CancellationToken ct);
}

/// <summary>
/// A method that recovers an account (<c>code</c>, <c>link</c>). Populate adds the first screen's nodes to a new flow of
/// the method (the flow's <c>active</c>); Recover decides a submission: not its method, invalid (messages on the flow),
/// the flow moved on and was saved (<see cref="StrategyOutcome.Advanced"/>: a message sent, a wrong code noted),
/// a restart with a new flow, or <see cref="StrategyOutcome.Succeeded"/> with the recovered identity and the AMR
/// method (<c>code_recovery</c>, <c>link_recovery</c>), for which the flow issues the session and the settings flow.
/// </summary>
internal interface IRecoveryStrategy : IStrategy
{
    void PopulateRecovery(FlowContext context);

    ValueTask<StrategyOutcome> RecoverAsync(FlowContext context, CancellationToken ct);
}

/// <summary>
/// A method that verifies an address (<c>code</c>, <c>link</c>). Verify answers a submission as
/// <see cref="IRecoveryStrategy.RecoverAsync"/> does, except that proving an address ends the flow itself
/// (<see cref="StrategyOutcome.Advanced"/> in state <c>passed_challenge</c>). The other two members serve the
/// implicit verification hook, which makes a flow for a known address and sends to it at once.
/// </summary>
internal interface IVerificationStrategy : IStrategy
{
    void PopulateVerification(FlowContext context);

    ValueTask<StrategyOutcome> VerifyAsync(FlowContext context, CancellationToken ct);

    /// <summary>Puts a new flow in state <c>sent_email</c> for <paramref name="address"/>: the method's nodes and message for that state.</summary>
    void PopulateSent(FlowContext context, VerifiableAddress address);

    /// <summary>
    /// Stores a code or link for <paramref name="address"/> of <paramref name="identity"/> on <paramref name="flow"/> (already
    /// inserted) and queues its message, in the caller's transaction; the caller marks the address <c>sent</c>.
    /// </summary>
    Task SendAsync(Flow flow, Identity identity, VerifiableAddress address, DbConnection connection, DbTransaction transaction, CancellationToken ct);
}
