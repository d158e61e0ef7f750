using System.Text.Json.Nodes;
using Tessera.Flows;
using Tessera.Flows.Ui;
using Tessera.Text;

namespace Tessera.Strategies.Totp;

internal sealed partial class TotpStrategy
{
    /// <summary>Only in an aal2 flow, and only when the session's identity has TOTP set up (Kratos adds nothing otherwise).</summary>
    public void PopulateLogin(FlowContext context)
    {
        if (context.Flow.RequestedAal != Sessions.Aal.Aal2 || context.SessionIdentity is not { } identity || !HasTotp(identity))
        {
            return;
        }

        context.Ui.Nodes.Add(UiNode.InputField("totp_code", "text", NodeGroup.Totp, value: "", required: true, label: Messages.LoginTotpLabel()));
        context.Ui.Nodes.Add(UiNode.InputField("method", "submit", NodeGroup.Totp, value: Id, label: Messages.LoginTotp()));
    }

    public async ValueTask<StrategyOutcome> LoginAsync(FlowContext context, CancellationToken ct)
    {
        // Kratos: the method answers only flows that ask for aal2; anything else is another strategy's.
        if (context.Method != Id || context.Flow.RequestedAal != Sessions.Aal.Aal2 || context.Session is not { } session)
        {
            return StrategyOutcome.NotResponsible;
        }

        var ui = context.Ui;
        ui.ResetMessages();
        ui.SetValue("totp_code", JsonValue.Create(""));
        var code = FlowPayload.String(context.Payload, "totp_code");
        if (string.IsNullOrEmpty(code))
        {
            ui.AddMessage("totp_code", Messages.Required("totp_code"));
            return StrategyOutcome.Invalid;
        }

        if (code.Length < TotpKey.Digits)
        {
            ui.AddMessage("totp_code", Messages.MinLength(TotpKey.Digits, code.Length));
            return StrategyOutcome.Invalid;
        }

        var identity = await identities.GetAsync(session.IdentityId, ct).ConfigureAwait(false);
        var key = identity is null ? null : StoredKey(identity);
        if (identity is null || key is null)
        {
            context.Fail(Messages.NoTotpDevice());
            return StrategyOutcome.Invalid;
        }

        // A code counts once: a replayed code (same or earlier time step) is as wrong as a mistyped one.
        if (key.Match(code, time.GetUtcNow()) is not { } step || !await steps.TryUseAsync(identity.Id, step, ct).ConfigureAwait(false))
        {
            context.Fail(Messages.TotpVerifierWrong());
            return StrategyOutcome.Invalid;
        }

        if (identity.State != Identities.IdentityState.Active)
        {
            context.Fail(Messages.IdentityDisabled());
            return StrategyOutcome.Invalid;
        }

        return StrategyOutcome.Succeeded(identity, Id, Sessions.Aal.Aal2);
    }
}
