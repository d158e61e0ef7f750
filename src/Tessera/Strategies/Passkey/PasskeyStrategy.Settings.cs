using Fido2NetLib;
using Tessera.Flows;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Text;
using Tessera.WebAuthn;

namespace Tessera.Strategies.Passkey;

internal sealed partial class PasskeyStrategy
{
    /// <summary>
    /// One remove button per passkey (disabled while it would leave no way in), then creation options for a new user
    /// handle named after the identity (every known passkey excluded): script on browser flows, the add button, the
    /// result input and the create data. Without a name to offer, message 4000002 instead, as Kratos does.
    /// </summary>
    public void PopulateSettings(FlowContext context)
    {
        var identity = context.SessionIdentity!;
        var ring = _ceremonies.Keyring(identity);
        var firstFactors = writer.Factors.CountFirstFactors(identity);
        foreach (var key in ring.Keys)
        {
            context.Ui.Nodes.Add(PasskeyNodes.RemoveButton(key, disabled: firstFactors < 2));
        }

        var schema = schemas.Find(identity.SchemaId) ?? schemas.Default;
        if (TraitFacts.Extract(schema, identity.Traits).PasskeyDisplayName is not { Length: > 0 } name)
        {
            context.Ui.Messages.Add(Messages.IdentifierMissing());
            return;
        }

        var options = Party.BeginRegistration(NewUserHandle(), name, ring.Keys).ToJson();
        context.Flow.Data[SessionKey] = options;
        var browser = !context.Flow.IsApi;
        if (browser)
        {
            context.Ui.Nodes.Add(WebAuthnScript.Node(PublicBaseUrl, NodeGroup.Passkey));
        }

        context.Ui.Nodes.Add(WebAuthnTriggers.Button(PasskeyNodes.RegisterTrigger, NodeGroup.Passkey, WebAuthnTriggers.PasskeySettingsRegistration,
            Messages.SettingsRegisterPasskey(), browser, System.Text.Json.Nodes.JsonValue.Create("")));
        context.Ui.Nodes.Add(PasskeyNodes.Hidden(PasskeyNodes.SettingsRegister));
        context.Ui.Nodes.Add(PasskeyNodes.Hidden(PasskeyNodes.CreateData, RelyingParty.Wrap(options)));
    }

    public async ValueTask<StrategyOutcome> UpdateSettingsAsync(FlowContext context, CancellationToken ct)
    {
        var register = FlowPayload.String(context.Payload, PasskeyNodes.SettingsRegister);
        var remove = FlowPayload.String(context.Payload, PasskeyNodes.Remove);
        if (string.IsNullOrEmpty(register) && string.IsNullOrEmpty(remove))
        {
            return StrategyOutcome.NotResponsible;
        }

        var (identity, refusal) = await Flows.Settings.PrivilegedChange.OpenAsync(context, Id, loader, identities, ct).ConfigureAwait(false);
        if (identity is null)
        {
            return refusal!;
        }

        context.Ui.ResetMessages();
        // Kratos looks at a removal first.
        return !string.IsNullOrEmpty(remove)
            ? RemoveKey(context, identity, remove)
            : await AddKeyAsync(context, identity, register!, ct).ConfigureAwait(false);
    }

    async Task<StrategyOutcome> AddKeyAsync(FlowContext context, Identity identity, string register, CancellationToken ct)
    {
        var (created, stored, failure) = await _ceremonies.VerifyRegistrationAsync(context, register, ct).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var ring = _ceremonies.Keyring(identity);
        if (!WebAuthnCeremonies.TryAdd(context, ring, WebAuthnKey.FromRegistration(created!, null, passwordless: true, time.GetUtcNow().UtcDateTime),
                PasskeyNodes.SettingsRegister))
        {
            return StrategyOutcome.Invalid;
        }

        // Each passkey added in settings has its own handle; the credential is found by any of them.
        var handle = CredentialCreateOptions.FromJson(stored!).User.Id;
        ring.UserHandle = handle;
        _ceremonies.Store(identity, ring, handle);
        context.Flow.Data.Remove(SessionKey);
        // Adding a passkey proves it: Kratos gives the session {passkey, aal1} (SettingsCompletion).
        return StrategyOutcome.Updated(identity, Id) with { Aal = Sessions.Aal.Aal1 };
    }

    // Any passkey may go only while another first factor remains.
    StrategyOutcome RemoveKey(FlowContext context, Identity identity, string remove) =>
        _ceremonies.RemoveKey(context, identity, remove, PasskeyNodes.Remove, "You tried to remove a passkey which does not exist.",
            _ => writer.Factors.CountFirstFactors(identity) < 2);
}
