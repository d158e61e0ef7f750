using System.Data.Common;
using Tessera.Courier.Templates;
using Tessera.Flows;
using Tessera.Flows.Codes;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Strategies.Code;

internal sealed partial class CodeStrategy
{
    public void PopulateRecovery(FlowContext context)
    {
        context.Ui.Nodes.Add(forms.AddressInput(NodeGroup.Code, phoneToo: false));
        context.Ui.Nodes.Add(CodeNodes.Continue());
    }

    public async ValueTask<StrategyOutcome> RecoverAsync(FlowContext context, CancellationToken ct)
    {
        var flow = context.Flow;
        if (flow.Active != Id)
        {
            return StrategyOutcome.NotResponsible;
        }

        if (flow.State == FlowStates.PassedChallenge)
        {
            return StrategyOutcome.Restart(Messages.RecoveryRetrySuccess());
        }

        // Once a code was sent, a submission without an address is a code (the method may be left out then).
        if (flow.State != FlowStates.ChooseMethod && context.Payload["email"] is null)
        {
            return await UseRecoveryCodeAsync(context, ct).ConfigureAwait(false);
        }

        return context.Method == Id ? await SendRecoveryCodeAsync(context, ct).ConfigureAwait(false) : StrategyOutcome.NotResponsible;
    }

    /// <summary>
    /// Sends a code to the recovery address typed in, voiding earlier ones. An address nobody has gets no code (at most
    /// a notice), and the flow answers exactly the same, so the answer never tells whether an account exists.
    /// </summary>
    async Task<StrategyOutcome> SendRecoveryCodeAsync(FlowContext context, CancellationToken ct)
    {
        var flow = context.Flow;
        var typed = forms.ReadAddress(context, NodeGroup.Code, emailOnly: true);
        if (typed is null)
        {
            return StrategyOutcome.Invalid;
        }

        var found = await identities.FindRecoveryAddressAsync(CodeMessages.Email, TraitFacts.Address(CodeMessages.Email, typed), ct).ConfigureAwait(false);
        var identity = found is { } hit ? await identities.GetAsync(hit.IdentityId, ct).ConfigureAwait(false) : null;

        var ui = flow.Ui;
        var csrfNode = ui.Find("csrf_token");
        ui.Nodes.Clear();
        ui.Messages.Clear();
        // Kratos's recovery form keeps the csrf_token node for api flows too (empty there).
        if (csrfNode is not null)
        {
            ui.Nodes.Add(csrfNode);
        }

        ui.Nodes.Add(CodeNodes.CodeInput(Messages.LabelRecoveryCode(), digitsOnly: true));
        ui.Nodes.Add(CodeNodes.HiddenMethod());
        ui.Nodes.Add(CodeNodes.Continue());
        ui.Nodes.Add(CodeNodes.Resend("email", typed));
        ui.Messages.Add(Messages.RecoveryEmailWithCodeSent());
        flow.State = FlowStates.SentEmail;
        flow.Active = Id;

        var code = OneTimeCodeStore.NewCode();
        var now = Now();
        Func<DbConnection, DbTransaction, Task>? sendKnown = found is { } known && identity is not null
            ? async (connection, transaction) =>
            {
                await codes.IssueAsync(flow.Id, OneTimeCode.Code, identity.Id, known.Address.Via, known.Address.Value, now, Options.Lifespan, code,
                    connection, transaction, ct).ConfigureAwait(false);
                await messages.QueueAsync(known.Address.Via, TemplateType.RecoveryCodeValid,
                    messages.Fields(flow, identity, known.Address.Value, code, null, Options.Lifespan), connection, transaction, ct).ConfigureAwait(false);
            }
            : null;
        await delivery.SendAsync(flow, identity, sendKnown, TemplateType.RecoveryCodeInvalid, CodeMessages.Email, typed, changesIdentity: false, ct).ConfigureAwait(false);
        return StrategyOutcome.Advanced;
    }

    /// <summary>
    /// Uses a submitted code: counted against <c>max_submissions</c> first; a match is used up and, when the user sent
    /// it to an address, that address is marked verified in the same transaction.
    /// </summary>
    async Task<StrategyOutcome> UseRecoveryCodeAsync(FlowContext context, CancellationToken ct)
    {
        var flow = context.Flow;
        var now = Now();
        var (result, _, identity) = await delivery.RecoverAsync(flow, OneTimeCode.Code, FlowPayload.String(context.Payload, "code"), Options.MaxSubmissions,
            now, ct).ConfigureAwait(false);
        switch (result)
        {
            case CodeUseResult.TooOften:
                return StrategyOutcome.Restart(Messages.Generic(TooOften));
            case CodeUseResult.Used:
                return identity is null ? StrategyOutcome.Restart(Messages.RecoveryStateFailure())
                    // A disabled identity gets no session, as Kratos refuses to activate one (4010011 on a new flow).
                    : identity.State != IdentityState.Active ? StrategyOutcome.Restart(Messages.IdentityDisabled())
                    : StrategyOutcome.Succeeded(identity, RecoveryMethod, "aal1");
            default:
                // Kratos answers an expired code like a wrong one.
                context.Fail(Messages.RecoveryCodeInvalidOrAlreadyUsed());
                await flows.UpdateAsync(flow, ct).ConfigureAwait(false);
                return StrategyOutcome.Advanced;
        }
    }
}
