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
