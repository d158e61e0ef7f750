using System.Text.Json.Nodes;
using Tessera.Flows;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Text;
using Tessera.WebAuthn;

namespace Tessera.Strategies.WebAuthn;

internal sealed partial class WebAuthnStrategy
{
    /// <summary>
    /// Passwordless browser flows only: a name field, the sign-up button with creation options for a new random user
    /// handle (kept in the flow and reused when the form is shown again), the script and the result input.
    /// </summary>
    public void PopulateRegistration(FlowContext context)
    {
        if (!Passwordless || context.Flow.IsApi)
        {
            return;
        }

        if (_ceremonies.StoredOptions(context.Flow) is not { } options)
        {
            options = Party.BeginRegistration(Guid.NewGuid().ToByteArray(bigEndian: true), null, []).ToJson();
            context.Flow.Data[SessionKey] = options;
        }

        context.Ui.Nodes.Add(WebAuthnNodes.DisplayName());
        context.Ui.Nodes.Add(WebAuthnNodes.RegisterButton(RelyingParty.Wrap(options), Messages.RegistrationRegisterWebAuthn()));
        context.Ui.Nodes.Add(WebAuthnScript.Node(PublicBaseUrl, NodeGroup.WebAuthn));
        context.Ui.Nodes.Add(WebAuthnNodes.RegisterInput());
    }

    public async ValueTask<StrategyOutcome> RegisterAsync(FlowContext context, CancellationToken ct)
    {
        var register = FlowPayload.String(context.Payload, WebAuthnNodes.Register);
        if (!Passwordless || context.Flow.IsApi || string.IsNullOrEmpty(register))
        {
            return StrategyOutcome.NotResponsible;
        }

        var ui = context.Ui;
        ui.ResetMessages();
        var traits = TraitsPayload.Read(context.Payload, context.Schema);
        TraitNodes.WriteValues(ui, traits);
        var displayName = FlowPayload.String(context.Payload, WebAuthnNodes.RegisterDisplayName);
        ui.SetValue(WebAuthnNodes.RegisterDisplayName, JsonValue.Create(displayName ?? ""));
        if (SchemaErrorMessages.Apply(ui, TraitsValidator.Validate(context.Schema, traits), traits, context.Schema))
        {
            return StrategyOutcome.Invalid;
        }

        var (created, stored, failure) = await _ceremonies.VerifyRegistrationAsync(context, register, ct).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var identity = writer.NewIdentity(context.Schema.Id, traits, out var deriveError);
        if (identity is null)
        {
            context.Fail(Messages.Generic(deriveError!.Reason ?? deriveError.Message));
            return StrategyOutcome.Invalid;
        }

        var ring = new WebAuthnKeyring { UserHandle = created!.User?.Id ?? Fido2NetLib.CredentialCreateOptions.FromJson(stored!).User.Id };
        ring.Keys.Add(WebAuthnKey.FromRegistration(created, displayName, passwordless: true, time.GetUtcNow().UtcDateTime));
        _ceremonies.Store(identity, ring);
        if (identity.Credentials[Id].Identifiers.Count == 0)
        {
            context.Fail(Messages.IdentifierMissing());
            return StrategyOutcome.Invalid;
        }

        context.Flow.Data.Remove(SessionKey);
        return StrategyOutcome.Succeeded(identity, Id, Sessions.Aal.Aal1);
    }
}
