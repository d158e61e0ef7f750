using System.Data.Common;
using Tessera.Courier.Templates;
using Tessera.Flows;
using Tessera.Flows.Codes;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Strategies.Link;

internal sealed partial class LinkStrategy
{
    public void PopulateRecovery(FlowContext context) => AddressForm(context.Flow, null);

    public async ValueTask<StrategyOutcome> RecoverAsync(FlowContext context, CancellationToken ct)
    {
        var flow = context.Flow;
        if (FlowPayload.String(context.Payload, "token") is { } token)
        {
            return await UseRecoveryTokenAsync(context, token, ct).ConfigureAwait(false);
        }

        if (context.Method != Id)
        {
            return StrategyOutcome.NotResponsible;
        }

        if (flow.State == FlowStates.PassedChallenge)
        {
            return StrategyOutcome.Restart(Messages.RecoveryRetrySuccess());
        }

        var typed = forms.ReadAddress(context, NodeGroup.Link, emailOnly: true);
        if (typed is null)
        {
            return StrategyOutcome.Invalid;
        }

        var found = await identities.FindRecoveryAddressAsync(CodeMessages.Email, TraitFacts.Address(CodeMessages.Email, typed), ct).ConfigureAwait(false);
        var identity = found is { } hit ? await identities.GetAsync(hit.IdentityId, ct).ConfigureAwait(false) : null;
        AddressForm(flow, typed);
        flow.Ui.Messages.Add(Messages.RecoveryEmailSent());
        flow.State = FlowStates.SentEmail;
        flow.Active = Id;

        var secret = OneTimeCodeStore.NewToken();
        var now = Now();
        Func<DbConnection, DbTransaction, Task>? sendKnown = found is { } known && identity is not null
            ? async (connection, transaction) =>
            {
                await codes.IssueAsync(flow.Id, OneTimeCode.Link, identity.Id, known.Address.Via, known.Address.Value, now, Options.Lifespan, secret,
                    connection, transaction, ct).ConfigureAwait(false);
                await messages.QueueAsync(CodeMessages.Email, TemplateType.RecoveryValid,
                    messages.Fields(flow, identity, known.Address.Value, null, LinkTo("self-service/recovery", flow, secret), Options.Lifespan),
                    connection, transaction, ct).ConfigureAwait(false);
            }
            : null;
        await delivery.SendAsync(flow, identity, sendKnown, TemplateType.RecoveryInvalid, CodeMessages.Email, typed, changesIdentity: false, ct).ConfigureAwait(false);
        return StrategyOutcome.Advanced;
    }

    /// <summary>
    /// The link was opened: its token is used once, the address it went to becomes verified in the same transaction.
    /// A link that does not work sends the browser to a new flow (Kratos: always a browser flow, 4060004 or 4060005).
    /// </summary>
    async Task<StrategyOutcome> UseRecoveryTokenAsync(FlowContext context, string token, CancellationToken ct)
    {
        var now = Now();
        var (result, used, identity) = await delivery.RecoverAsync(context.Flow, OneTimeCode.Link, token, null, now, ct).ConfigureAwait(false);
        switch (result)
        {
            case CodeUseResult.Used:
                return identity is null ? StrategyOutcome.Restart(Messages.RecoveryTokenInvalidOrAlreadyUsed(), Flow.Browser)
                    : identity.State != IdentityState.Active ? StrategyOutcome.Restart(Messages.IdentityDisabled(), Flow.Browser)
                    : StrategyOutcome.Succeeded(identity, RecoveryMethod, "aal1");
            case CodeUseResult.Expired:
                return StrategyOutcome.Restart(Messages.RecoveryFlowExpired(used!.ExpiresAt, now), Flow.Browser);
            default:
                return StrategyOutcome.Restart(Messages.RecoveryTokenInvalidOrAlreadyUsed(), Flow.Browser);
        }
    }
}
