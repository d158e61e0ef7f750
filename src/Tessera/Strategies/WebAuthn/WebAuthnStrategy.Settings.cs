using Tessera.Errors;
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
        var ring = Keyring(identity);
        var firstFactors = writer.Factors.CountFirstFactors(identity);
        foreach (var key in ring.Keys)
        {
            context.Ui.Nodes.Add(WebAuthnNodes.RemoveButton(key, disabled: key.IsPasswordless && firstFactors < 2));
        }

        var options = _party.BeginRegistration(UserHandle(identity), null, ring.Keys).ToJson();
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

        if (context.Method != Id && loader.CheckRequest(context.Http, context.Flow, context.Payload) is { } requestError)
        {
            return StrategyOutcome.Failed(requestError);
        }

        if (!context.PrivilegedSession)
        {
            return StrategyOutcome.RefreshRequired;
        }

        var identity = await identities.GetAsync(context.SessionIdentity!.Id, ct).ConfigureAwait(false);
        if (identity is null)
        {
            return StrategyOutcome.Failed(ApiErrors.ResourceNotFound());
        }

        context.Ui.ResetMessages();
        return string.IsNullOrEmpty(register)
            ? RemoveKey(context, identity, remove!)
            : await AddKeyAsync(context, identity, register, ct).ConfigureAwait(false);
    }

    async Task<StrategyOutcome> AddKeyAsync(FlowContext context, Identity identity, string register, CancellationToken ct)
    {
        var displayName = FlowPayload.String(context.Payload, WebAuthnNodes.RegisterDisplayName);
        if (StoredOptions(context.Flow) is not { } stored)
        {
            return StrategyOutcome.Failed(ApiErrors.Internal().WithReason("Expected WebAuthN in internal context to be an object."));
        }

        if (WebAuthnResponse.ParseAttestation(register) is not { } response)
        {
            return StrategyOutcome.Failed(ApiErrors.BadRequest("Unable to parse WebAuthn response."));
        }

        var (created, error) = await _party.FinishRegistrationAsync(response, stored, ct).ConfigureAwait(false);
        if (created is null)
        {
            // Kratos answers 500 here; a response that does not verify (wrong origin, challenge, signature) is bad input.
            return StrategyOutcome.Failed(ApiErrors.BadRequest("Unable to create WebAuthn credential: " + error));
        }

        // The identifiers the key is found by come from the traits (credentials.webauthn.identifier).
        if (writer.Derive(identity, null, previous: null) is { } deriveError)
        {
            context.Fail(Messages.Generic(deriveError.Reason ?? deriveError.Message));
            return StrategyOutcome.Invalid;
        }

        var ring = Keyring(identity);
        if (ring.Find(created.Id) is not null)
        {
            // Browsers honour excludeCredentials; this guards against clients that do not.
            context.Ui.AddMessage(WebAuthnNodes.Register, Messages.Generic("this security key or passkey is already registered with your account"));
            return StrategyOutcome.Invalid;
        }

        ring.Keys.Add(WebAuthnKey.FromRegistration(created, displayName, Passwordless, time.GetUtcNow().UtcDateTime));
        ring.UserHandle = UserHandle(identity);
        Store(identity, ring);
        if (identity.Credentials[Id].Identifiers.Count == 0)
        {
            context.Fail(Messages.IdentifierMissing());
            return StrategyOutcome.Invalid;
        }

        context.Flow.Data.Remove(SessionKey);
        // Adding a key proves it: the session gets {webauthn, aal2} for an MFA key, {webauthn, aal1} for a passwordless one (SettingsCompletion).
        return StrategyOutcome.Updated(identity, Id) with { Aal = KeyAal };
    }

    StrategyOutcome RemoveKey(FlowContext context, Identity identity, string remove)
    {
        if (!identity.Credentials.ContainsKey(Id))
        {
            return StrategyOutcome.Failed(ApiErrors.BadRequest("You tried to remove a WebAuthn but you have no WebAuthn set up."));
        }

        var ring = Keyring(identity);
        var key = ring.Keys.FirstOrDefault(k => string.Equals(k.HexId, remove, StringComparison.Ordinal));
        if (key is null)
        {
            return StrategyOutcome.Failed(ApiErrors.BadRequest("You tried to remove a WebAuthn credential which does not exist."));
        }

        if (key.IsPasswordless && writer.Factors.CountFirstFactors(identity) < 2)
        {
            context.Ui.AddMessage(WebAuthnNodes.Remove, Messages.Generic("unable to remove this security key because it would lock you out of your account"));
            return StrategyOutcome.Invalid;
        }

        ring.Keys.Remove(key);
        if (ring.Keys.Count == 0)
        {
            identity.Credentials.Remove(Id);
        }
        else
        {
            Store(identity, ring);
        }

        return StrategyOutcome.Updated(identity, Id);
    }
}
