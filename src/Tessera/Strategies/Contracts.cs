using Tessera.Flows;

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
    /// <summary>The assurance level a successful login with this method gives (aal1 first factor, aal2 second).</summary>
    string Aal { get; }

    /// <summary>Adds the method's nodes to a new login flow.</summary>
    void PopulateLogin(FlowContext context);

    ValueTask<StrategyOutcome> LoginAsync(FlowContext context, CancellationToken ct);
}

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
