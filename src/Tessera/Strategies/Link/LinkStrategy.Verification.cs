using System.Data.Common;
using System.Text.Json.Nodes;
using Tessera.Courier.Templates;
using Tessera.Flows;
using Tessera.Flows.Codes;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Strategies.Link;

internal sealed partial class LinkStrategy
{
    public void PopulateVerification(FlowContext context) => AddressForm(context.Flow, null);

    /// <summary>Kratos's hook shows the link method's first screen in state <c>sent_email</c>, without a message, plus the resend button.</summary>
    public void PopulateSent(FlowContext context, VerifiableAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        AddressForm(context.Flow, null);
        context.Flow.State = FlowStates.SentEmail;
        context.Flow.Active = Id;
        context.Ui.Nodes.Add(UiNode.InputField(address.Via, InputType.Submit, NodeGroup.Link, Messages.LabelResendOtp(), value: JsonValue.Create(address.Value)));
    }

    public async Task SendAsync(Flow flow, Identity identity, VerifiableAddress address, DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(address);
        var secret = OneTimeCodeStore.NewToken();
        var now = Now();
        await codes.IssueAsync(flow.Id, OneTimeCode.Link, identity.Id, address.Via, address.Value, now, Options.Lifespan, secret,
            connection, transaction, ct).ConfigureAwait(false);
        await messages.QueueAsync(CodeMessages.Email, TemplateType.VerificationValid,
            messages.Fields(flow, identity, address.Value, null, LinkTo("self-service/verification", flow, secret), Options.Lifespan),
            connection, transaction, ct).ConfigureAwait(false);
    }

    public async ValueTask<StrategyOutcome> VerifyAsync(FlowContext context, CancellationToken ct)
    {
        var flow = context.Flow;
        if (FlowPayload.String(context.Payload, "token") is { } token)
        {
            return await UseVerificationTokenAsync(context, token, ct).ConfigureAwait(false);
        }

        if (context.Method != Id)
        {
            return StrategyOutcome.NotResponsible;
        }

        if (flow.State == FlowStates.PassedChallenge)
        {
            return StrategyOutcome.Restart(Messages.VerificationRetrySuccess());
        }

        if (flow.State is not (FlowStates.ChooseMethod or FlowStates.SentEmail))
        {
            return StrategyOutcome.Restart(Messages.VerificationStateFailure());
        }

        var typed = forms.ReadAddress(context, NodeGroup.Link, emailOnly: false);
        if (typed is null)
        {
            return StrategyOutcome.Invalid;
        }

        // Links go by e-mail only.
        var found = await identities.FindVerifiableAddressAsync(CodeMessages.Email, TraitFacts.Address(CodeMessages.Email, typed), ct).ConfigureAwait(false);
        var identity = found is { } hit ? await identities.GetAsync(hit.IdentityId, ct).ConfigureAwait(false) : null;
        AddressForm(flow, typed);
        flow.Ui.Messages.Add(Messages.VerificationEmailSent());
        flow.State = FlowStates.SentEmail;
        flow.Active = Id;
        var now = Now();
        await delivery.SendVerificationAsync(flow, identity, found?.Address,
            (address, connection, transaction) => SendAsync(flow, identity!, address, connection, transaction, ct), TemplateType.VerificationInvalid, CodeMessages.Email, typed, now, ct)
            .ConfigureAwait(false);
        return StrategyOutcome.Advanced;
    }

    /// <summary>The link was opened: the address is verified and the flow ends in one transaction; a link that does not work restarts in a browser flow.</summary>
    async Task<StrategyOutcome> UseVerificationTokenAsync(FlowContext context, string token, CancellationToken ct)
    {
        var flow = context.Flow;
        var now = Now();
        var (result, used) = await delivery.VerifyAsync(flow, OneTimeCode.Link, token, null, NodeGroup.Link, now, ct).ConfigureAwait(false);
        switch (result)
        {
            case CodeUseResult.Used:
                return StrategyOutcome.Verified(used!.IdentityId);
            case CodeUseResult.Expired:
                return StrategyOutcome.Restart(Messages.VerificationFlowExpired(used!.ExpiresAt, now), Flow.Browser);
            default:
                return StrategyOutcome.Restart(Messages.VerificationTokenInvalidOrAlreadyUsed(), Flow.Browser);
        }
    }
}
