using Tessera.Errors;
using Tessera.Identities;
using Tessera.Strategies;

namespace Tessera.Flows.Settings;

/// <summary>
/// How a settings method that changes credentials (TOTP, lookup secrets, keys, passkeys) begins: Kratos takes such a
/// submission even when it does not name the method, and then the request check the flow left out is done here; the
/// change is privileged; and it works on the identity as stored now.
/// </summary>
internal static class PrivilegedChange
{
    /// <summary>The identity to change, or the outcome that refuses the change (request check failed, refresh needed, identity gone).</summary>
    public static async Task<(Identity? Identity, StrategyOutcome? Refusal)> OpenAsync(FlowContext context, string method, FlowLoader loader,
        IdentityStore identities, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentNullException.ThrowIfNull(identities);
        if (context.Method != method && loader.CheckRequest(context.Http, context.Flow, context.Payload) is { } requestError)
        {
            return (null, StrategyOutcome.Failed(requestError));
        }

        if (!context.PrivilegedSession)
        {
            return (null, StrategyOutcome.RefreshRequired);
        }

        var identity = await identities.GetAsync(context.SessionIdentity!.Id, ct).ConfigureAwait(false);
        return identity is null ? (null, StrategyOutcome.Failed(ApiErrors.ResourceNotFound())) : (identity, null);
    }
}
