using System.Data.Common;
using System.Text.Json.Nodes;
using Tessera.Courier.Templates;
using Tessera.Flows;
using Tessera.Flows.Codes;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Strategies.Code;

internal sealed partial class CodeStrategy
{
    public void PopulateVerification(FlowContext context)
    {
        context.Ui.Nodes.Add(forms.AddressInput(NodeGroup.Code, phoneToo: true));
        context.Ui.Nodes.Add(CodeNodes.Continue());
    }

    public void PopulateSent(FlowContext context, VerifiableAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        SentForm(context.Flow, address.Via);
        context.Ui.Nodes.Add(CodeNodes.Resend(address.Via, address.Value));
    }

    public async Task SendAsync(Flow flow, Identity identity, VerifiableAddress address, DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(address);
        var code = OneTimeCodeStore.NewCode();
        var now = Now();
        await codes.IssueAsync(flow.Id, OneTimeCode.Code, identity.Id, address.Via, address.Value, now, Options.Lifespan, code,
            connection, transaction, ct).ConfigureAwait(false);
        // The e-mail carries a link that fills the code in (GET /self-service/verification?code=…&flow=…); an SMS only the code.
        var url = address.Via == CodeMessages.Sms ? null
            : new Uri(options.Config.Public.BaseUrl, "self-service/verification").AbsoluteUri + "?code=" + code + "&flow=" + flow.Id;
        await messages.QueueAsync(address.Via, TemplateType.VerificationCodeValid, messages.Fields(flow, identity, address.Value, code, url, Options.Lifespan),
            connection, transaction, ct).ConfigureAwait(false);
    }

    public async ValueTask<StrategyOutcome> VerifyAsync(FlowContext context, CancellationToken ct)
    {
        var flow = context.Flow;
        var code = FlowPayload.String(context.Payload, "code");
        // Kratos lets a code stand for the method (the e-mail's link carries no method).
        if ((context.Method ?? (code is null ? null : Id)) != Id)
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

        if (code is not null)
        {
            return HttpMethods.IsGet(context.Http.Request.Method)
                ? await OpenVerificationLinkAsync(context, code, ct).ConfigureAwait(false)
                : await UseVerificationCodeAsync(context, code, ct).ConfigureAwait(false);
        }

        var typed = forms.ReadAddress(context, NodeGroup.Code, emailOnly: false);
        return typed is null ? StrategyOutcome.Invalid : await SendVerificationCodeAsync(context, typed, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The link of the e-mail: the code goes into the flow's code input and the browser to the verification UI, which
    /// submits it. A fresh CSRF cookie comes along, as the link may open in another browser than the one that asked.
    /// </summary>
    async Task<StrategyOutcome> OpenVerificationLinkAsync(FlowContext context, string code, CancellationToken ct)
    {
        var flow = context.Flow;
        flow.Ui.SetValue("code", JsonValue.Create(code));
        flow.CsrfFingerprint = Csrf.Fingerprint(csrf.Regenerate(context.Http));
        await flows.UpdateAsync(flow, ct).ConfigureAwait(false);
        return StrategyOutcome.Advanced;
    }

    /// <summary>Sends a code to the address typed in; an address nobody has gets none (at most a notice) and the same answer.</summary>
    async Task<StrategyOutcome> SendVerificationCodeAsync(FlowContext context, string typed, CancellationToken ct)
    {
        var flow = context.Flow;
        var via = CodeMessages.ViaOf(typed);
        var found = await identities.FindVerifiableAddressAsync(via, TraitFacts.Address(via, typed), ct).ConfigureAwait(false);
        var identity = found is { } hit ? await identities.GetAsync(hit.IdentityId, ct).ConfigureAwait(false) : null;

        SentForm(flow, via);
        flow.Ui.Nodes.Add(CodeNodes.Resend("email", typed));
        var now = Now();
        await delivery.SendVerificationAsync(flow, identity, found?.Address,
            (address, connection, transaction) => SendAsync(flow, identity!, address, connection, transaction, ct), TemplateType.VerificationCodeInvalid, via, typed, now, ct)
            .ConfigureAwait(false);
        return StrategyOutcome.Advanced;
    }

    /// <summary>A right code marks its address verified and ends the flow, in one transaction; a wrong one puts 4070006 on it.</summary>
    async Task<StrategyOutcome> UseVerificationCodeAsync(FlowContext context, string submitted, CancellationToken ct)
    {
        var flow = context.Flow;
        var now = Now();
        var (result, used) = await delivery.VerifyAsync(flow, OneTimeCode.Code, submitted, Options.MaxSubmissions, NodeGroup.Code, now, ct).ConfigureAwait(false);
        switch (result)
        {
            case CodeUseResult.TooOften:
                return StrategyOutcome.Restart(Messages.Generic(TooOften));
            case CodeUseResult.Used:
                return StrategyOutcome.Verified(used!.IdentityId);
            default:
                context.Fail(Messages.VerificationCodeInvalidOrAlreadyUsed());
                await flows.UpdateAsync(flow, ct).ConfigureAwait(false);
                return StrategyOutcome.Advanced;
        }
    }

    /// <summary>The <c>sent_email</c> form: hidden method, the code input, continue, and csrf_token for browser flows (the resend button comes after).</summary>
    void SentForm(Flow flow, string via)
    {
        var ui = flow.Ui;
        var csrfNode = ui.Find("csrf_token");
        ui.Nodes.Clear();
        ui.Messages.Clear();
        ui.Nodes.Add(CodeNodes.HiddenMethod());
        ui.Nodes.Add(CodeNodes.CodeInput(Messages.LabelVerificationCode(), digitsOnly: false));
        ui.Nodes.Add(CodeNodes.Continue());
        if (!flow.IsApi)
        {
            ui.Nodes.Add(csrfNode ?? UiNode.InputField("csrf_token", InputType.Hidden, NodeGroup.Default, value: "", required: true));
        }

        ui.Messages.Add(via == CodeMessages.Sms ? Messages.VerificationPhoneWithCodeSent() : Messages.VerificationEmailWithCodeSent());
        flow.State = FlowStates.SentEmail;
        flow.Active = Id;
    }
}
