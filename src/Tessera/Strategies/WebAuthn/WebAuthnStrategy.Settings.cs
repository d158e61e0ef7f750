using Tessera.Flows;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Text;
using Tessera.WebAuthn;

namespace Tessera.Strategies.WebAuthn;

internal sealed partial class WebAuthnStrategy
{
    /// <summary>
    /// Browser flows only: one remove button per key (disabled for the last passwordless way in), then the script, a name
    /// field, the add button carrying fresh creation options (every known key excluded) and the result input.
    /// </summary>
    public void PopulateSettings(FlowContext context)
    {
        if (context.Flow.IsApi)
        {
            return;
        }

        var identity = context.SessionIdentity!;
        var ring = _ceremonies.Keyring(identity);
        var firstFactors = writer.Factors.CountFirstFactors(identity);
        foreach (var key in ring.Keys)
        {
            context.Ui.Nodes.Add(WebAuthnNodes.RemoveButton(key, disabled: key.IsPasswordless && firstFactors < 2));
        }

        var options = Party.BeginRegistration(UserHandle(identity), null, ring.Keys).ToJson();
        context.Flow.Data[SessionKey] = options;
        context.Ui.Nodes.Add(WebAuthnScript.Node(PublicBaseUrl, NodeGroup.WebAuthn));
        context.Ui.Nodes.Add(WebAuthnNodes.DisplayName());
        context.Ui.Nodes.Add(WebAuthnNodes.RegisterButton(RelyingParty.Wrap(options), Messages.SettingsRegisterWebAuthn()));
        context.Ui.Nodes.Add(WebAuthnNodes.RegisterInput());
    }

    public async ValueTask<StrategyOutcome> UpdateSettingsAsync(FlowContext context, CancellationToken ct)
    {
        var register = FlowPayload.String(context.Payload, WebAuthnNodes.Register);
        var remove = FlowPayload.String(context.Payload, WebAuthnNodes.Remove);
        // Kratos: only browser flows, and only a submission with a key to add or remove (whatever its method says).
        if (context.Flow.IsApi || (string.IsNullOrEmpty(register) && string.IsNullOrEmpty(remove)))
        {
            return StrategyOutcome.NotResponsible;
        }

        var (identity, refusal) = await Flows.Settings.PrivilegedChange.OpenAsync(context, Id, loader, identities, ct).ConfigureAwait(false);
        if (identity is null)
        {
            return refusal!;
        }

        context.Ui.ResetMessages();
        return string.IsNullOrEmpty(register)
            ? RemoveKey(context, identity, remove!)
            : await AddKeyAsync(context, identity, register, ct).ConfigureAwait(false);
    }

    async Task<StrategyOutcome> AddKeyAsync(FlowContext context, Identity identity, string register, CancellationToken ct)
    {
        var displayName = FlowPayload.String(context.Payload, WebAuthnNodes.RegisterDisplayName);
        var (created, _, failure) = await _ceremonies.VerifyRegistrationAsync(context, register, ct).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        // The identifiers the key is found by come from the traits (credentials.webauthn.identifier).
        if (writer.Derive(identity, null, previous: null) is { } deriveError)
        {
            context.Fail(Messages.Generic(deriveError.Reason ?? deriveError.Message));
            return StrategyOutcome.Invalid;
        }

        var ring = _ceremonies.Keyring(identity);
        if (!WebAuthnCeremonies.TryAdd(context, ring, WebAuthnKey.FromRegistration(created!, displayName, Passwordless, time.GetUtcNow().UtcDateTime),
                WebAuthnNodes.Register))
        {
            return StrategyOutcome.Invalid;
        }

        ring.UserHandle = UserHandle(identity);
        _ceremonies.Store(identity, ring);
        if (identity.Credentials[Id].Identifiers.Count == 0)
        {
            context.Fail(Messages.IdentifierMissing());
            return StrategyOutcome.Invalid;
        }

        context.Flow.Data.Remove(SessionKey);
        // Adding a key proves it: the session gets {webauthn, aal2} for an MFA key, {webauthn, aal1} for a passwordless one (SettingsCompletion).
        return StrategyOutcome.Updated(identity, Id) with { Aal = KeyAal };
    }

    // A passwordless key may go only while another first factor remains.
    StrategyOutcome RemoveKey(FlowContext context, Identity identity, string remove) =>
        _ceremonies.RemoveKey(context, identity, remove, WebAuthnNodes.Remove, "You tried to remove a WebAuthn credential which does not exist.",
            key => key.IsPasswordless && writer.Factors.CountFirstFactors(identity) < 2);
}
