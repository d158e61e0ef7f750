using System.Text.Json.Nodes;
using Tessera.Courier.Templates;
using Tessera.Flows;
using Tessera.Flows.Codes;
using Tessera.Flows.Login;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Sessions;
using Tessera.Text;

namespace Tessera.Strategies.Code;

/// <summary>
/// Login by code (Kratos's strategy_login.go): aal1 with <c>passwordless_enabled</c>, where an identifier names the
/// identity and a code goes to its code address(es); aal2 with <c>mfa_enabled</c>, where the session's identity picks
/// one of its code addresses. Either way: send (state <c>sent_email</c>, 400 + flow), then the code; <c>resend=code</c>
/// sends a new one and voids the old.
/// </summary>
internal sealed partial class CodeStrategy
{
    public void PopulateLogin(FlowContext context)
    {
        var ui = context.Ui;
        if (context.Flow.RequestedAal == Aal.Aal2)
        {
            if (Mfa && context.SessionIdentity is { } identity && SecondFactorAddresses(context, identity) is { } addresses)
            {
                AddAddressButtons(context, addresses);
            }

            return;
        }

        if (!Passwordless)
        {
            return;
        }

        if (context.Flow.Refresh && RefreshChoosesAddress && context.SessionIdentity is { } refreshing)
        {
            // Without an address nothing is added, and another method (password) does the refresh.
            AddAddressButtons(context, CodeAddress.Of(refreshing, Options.MissingCredentialFallback));
            return;
        }

        // The identifier input is shared with the password method (Kratos upserts it).
        if (ui.Find("identifier") is null)
        {
            ui.Nodes.Add(UiNode.InputField("identifier", InputType.Text, NodeGroup.Default, LoginIdentifierLabel.For(context.Schema), required: true,
                value: JsonValue.Create("")));
        }

        ui.Nodes.Add(UiNode.InputField("method", InputType.Submit, NodeGroup.Code, Messages.LoginCode(), value: JsonValue.Create(Id)));
    }

    public async ValueTask<StrategyOutcome> LoginAsync(FlowContext context, CancellationToken ct)
    {
        var flow = context.Flow;
        var aal2 = flow.RequestedAal == Aal.Aal2;
        if (aal2 ? !Mfa : !Passwordless)
        {
            return StrategyOutcome.NotResponsible;
        }

        // Kratos: an address button (no method) is this method's too, where address buttons are shown.
        if (context.Method != Id && !TakesBareAddress(context, aal2))
        {
            return StrategyOutcome.NotResponsible;
        }

        if (aal2 && context.Session is null)
        {
            return StrategyOutcome.NotResponsible;
        }

        var resend = string.Equals(FlowPayload.String(context.Payload, "resend"), "code", StringComparison.OrdinalIgnoreCase);
        var state = resend ? FlowStates.ChooseMethod : flow.State;
        return state switch
        {
            FlowStates.ChooseMethod => await SendLoginCodeAsync(context, aal2, ct).ConfigureAwait(false),
            FlowStates.SentEmail => await UseLoginCodeAsync(context, aal2, ct).ConfigureAwait(false),
            _ => Refuse(context, Messages.LoginNoStrategyFound()),
        };
    }

    /// <summary>Step 1 (and resend): the identity is found by its code identifier, or is the session's (aal2); a code goes to each address.</summary>
    async Task<StrategyOutcome> SendLoginCodeAsync(FlowContext context, bool aal2, CancellationToken ct)
    {
        var flow = context.Flow;
        var typed = Typed(context);
        if (string.IsNullOrEmpty(typed))
        {
            context.Ui.ResetMessages();
            PutIdentifier(context, "", hidden: flow.State == FlowStates.SentEmail);
            context.Ui.AddMessage("identifier", Messages.Required("identifier"));
            return StrategyOutcome.Invalid;
        }

        var identifier = CodeAddress.NormalizeTyped(typed);
        var (identity, addresses) = await FindForLoginAsync(context, identifier, aal2, ct).ConfigureAwait(false);
        if (identity is null || addresses.Count == 0)
        {
            // Kratos answers 4000035 and sends nothing; an unknown identifier and one without code credentials look alike.
            PutIdentifier(context, identifier, hidden: false);
            return Refuse(context, Messages.NoCodeUser());
        }

        if (TooManySends(flow))
        {
            PutIdentifier(context, identifier, hidden: flow.State == FlowStates.SentEmail);
            return Refuse(context, Messages.Generic(TooOften));
        }

        // Kratos: when the identifier is itself one of the addresses, only that one gets a code.
        if (addresses.FirstOrDefault(a => a.To == IdentifierNormalizer.Normalize(identifier)) is { } named)
        {
            addresses = [named];
        }

        ShowLoginSent(context, identifier, authenticated: aal2 || flow.Refresh);
        var now = Now();
        await database.InTransactionAsync(async (connection, transaction) =>
        {
            await codes.DeleteForFlowAsync(flow.Id, connection, transaction, ct).ConfigureAwait(false);
            foreach (var address in addresses)
            {
                // One code per address, so that the code used tells which address it proves.
                var code = OneTimeCodeStore.NewCode();
                await codes.IssueAsync(flow.Id, OneTimeCode.Code, identity.Id, address.Via, address.To, now, Options.Lifespan, code, connection, transaction, ct)
                    .ConfigureAwait(false);
                await messages.QueueAsync(address.Via, TemplateType.LoginCodeValid, messages.Fields(flow, identity, address.To, code, null, Options.Lifespan),
                    connection, transaction, ct).ConfigureAwait(false);
            }

            await flows.UpdateAsync(flow, connection, transaction, ct).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        messages.Wake();
        return StrategyOutcome.Invalid;
    }

    /// <summary>Step 2: the code is counted against <c>max_submissions</c>, used once, and proves the address it went to.</summary>
    async Task<StrategyOutcome> UseLoginCodeAsync(FlowContext context, bool aal2, CancellationToken ct)
    {
        var flow = context.Flow;
        var identifier = CodeAddress.NormalizeTyped(Typed(context) ?? "");
        PutIdentifier(context, identifier, hidden: true);
        context.Ui.SetValue("code", null);
        var submitted = FlowPayload.String(context.Payload, "code");
        if (string.IsNullOrEmpty(submitted))
        {
            context.Ui.ResetMessages();
            context.Ui.AddMessage("code", Messages.Required("code"));
            return StrategyOutcome.Invalid;
        }

        Identity? identity;
        if (aal2)
        {
            identity = context.SessionIdentity;
        }
        else
        {
            (identity, _) = await FindForLoginAsync(context, identifier, aal2: false, ct).ConfigureAwait(false);
        }

        if (identity is null)
        {
            return Refuse(context, Messages.NoCodeUser());
        }

        var now = Now();
        // Only the named identity's codes are candidates (Kratos's UseLoginCode filters by identity): a code named with
        // the wrong identifier is refused and stays usable for its own.
        var (result, used) = await codes.UseAsync(flow.Id, OneTimeCode.Code, submitted, Options.MaxSubmissions,
            async (code, connection, transaction) =>
            {
                if (code.AddressVia is { } via && code.AddressValue is { } value)
                {
                    await identities.MarkAddressVerifiedAsync(code.IdentityId, via, value, now, connection, transaction, ct).ConfigureAwait(false);
                }

                return true;
            }, ct, identity.Id).ConfigureAwait(false);
        switch (result)
        {
            case CodeUseResult.TooOften:
                return Refuse(context, Messages.Generic(TooOften));
            case CodeUseResult.Used:
                break;
            default:
                // Kratos reports an expired code as not found: the same 4010008 as a wrong one.
                return Refuse(context, Messages.LoginCodeInvalidOrAlreadyUsed());
        }

        identities.Changed(used!.IdentityId);
        var current = await identities.GetAsync(used.IdentityId, ct).ConfigureAwait(false);
        if (current is null)
        {
            return Refuse(context, Messages.NoCodeUser());
        }

        if (current.State != IdentityState.Active)
        {
            return Refuse(context, Messages.IdentityDisabled());
        }

        flow.State = FlowStates.PassedChallenge;
        return StrategyOutcome.Succeeded(current, Id, aal2 ? Aal.Aal2 : Aal.Aal1);
    }

    /// <summary>
    /// aal1: the identity whose code credential has <paramref name="identifier"/> (in a refresh, only the session's);
    /// aal2: the session's identity, when <paramref name="identifier"/> is one of its code addresses.
    /// </summary>
    async Task<(Identity? Identity, List<CodeAddress> Addresses)> FindForLoginAsync(FlowContext context, string identifier, bool aal2, CancellationToken ct)
    {
        if (aal2)
        {
            var own = context.SessionIdentity;
            var normalized = IdentifierNormalizer.Normalize(identifier);
            var match = own is null ? [] : CodeAddress.Of(own, Options.MissingCredentialFallback).Where(a => a.To == normalized).ToList();
            return (match.Count == 0 ? null : own, match);
        }

        var normalizedIdentifier = IdentifierNormalizer.Normalize(identifier);
        var identity = await identities.FindByIdentifierAsync(CredentialsType.Code, normalizedIdentifier, ct).ConfigureAwait(false);
        var addresses = identity is null ? [] : CodeAddress.Of(identity);
        if (identity is null && Options.MissingCredentialFallback && normalizedIdentifier.Contains('@', StringComparison.Ordinal))
        {
            // Kratos's fallback for identities without a code credential: the e-mail they sign in with by password.
            identity = await identities.FindByIdentifierAsync(CredentialsType.Password, normalizedIdentifier, ct).ConfigureAwait(false);
            addresses = identity is null ? [] : [new CodeAddress(CodeMessages.Email, normalizedIdentifier)];
        }

        if (identity is null || (context.Flow.Refresh && context.SessionIdentity is { } session && session.Id != identity.Id))
        {
            return (null, []);
        }

        return (identity, addresses);
    }

    /// <summary>The sent screen: the identifier kept as a hidden input, the code input, Continue and Resend (Kratos's populateEmailSentFlow).</summary>
    void ShowLoginSent(FlowContext context, string identifier, bool authenticated)
    {
        var flow = context.Flow;
        var ui = flow.Ui;
        var csrfNode = ui.Find("csrf_token");
        var label = ui.Find("identifier", NodeGroup.Default)?.Meta.Label ?? LoginIdentifierLabel.For(context.Schema);
        ui.Nodes.Clear();
        ui.Messages.Clear();
        // Kratos re-adds the csrf_token node only for browser flows here (API.md §18, item 13).
        if (csrfNode is not null && !flow.IsApi)
        {
            ui.Nodes.Add(csrfNode);
        }

        ui.Nodes.Add(UiNode.InputField("identifier", InputType.Hidden, NodeGroup.Default, authenticated ? null : label, required: true,
            value: JsonValue.Create(identifier)));
        ui.Nodes.Add(CodeNodes.HiddenMethod());
        ui.Nodes.Add(CodeNodes.CodeInput(Messages.LabelLoginCode(), digitsOnly: false));
        ui.Nodes.Add(CodeNodes.Continue());
        ui.Nodes.Add(CodeNodes.Resend("resend", Id));
        ui.Messages.Add(authenticated ? Messages.LoginCodeSent() : Messages.LoginEmailWithCodeSent());
        flow.State = FlowStates.SentEmail;
        flow.Active = Id;
    }

    /// <summary>What the submission names: <c>address</c> (aal2 buttons) or <c>identifier</c>.</summary>
    static string? Typed(FlowContext context) =>
        FlowPayload.String(context.Payload, "address") is { Length: > 0 } address ? address : FlowPayload.String(context.Payload, "identifier");

    /// <summary>Kratos keeps what was typed in the identifier input (hidden once a code was sent).</summary>
    static void PutIdentifier(FlowContext context, string identifier, bool hidden)
    {
        var node = context.Ui.Find("identifier", NodeGroup.Default);
        if (node?.Input is { } input)
        {
            input.Value = JsonValue.Create(identifier);
            if (hidden)
            {
                input.Type = InputType.Hidden;
            }
        }
        else if (hidden)
        {
            context.Ui.Nodes.Add(UiNode.InputField("identifier", InputType.Hidden, NodeGroup.Default, required: true, value: JsonValue.Create(identifier)));
        }
    }

    static StrategyOutcome Refuse(FlowContext context, UiText message)
    {
        context.Fail(message);
        return StrategyOutcome.Invalid;
    }
}
