using System.Text.Json.Nodes;
using Fido2NetLib;
using Tessera.Flows;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Schemas;
using Tessera.Text;
using Tessera.WebAuthn;

namespace Tessera.Strategies.Passkey;

internal sealed partial class PasskeyStrategy
{
    /// <summary>
    /// The create data (options for a new random user handle, and the trait fields the script names the passkey after),
    /// the sign-up button, the script on browser flows, and the result input. A schema that marks no trait as the passkey
    /// display name or webauthn identifier gets no passkey nodes, as in Kratos.
    /// </summary>
    public void PopulateRegistration(FlowContext context)
    {
        var fields = DisplayNameFields(context.Schema);
        if (fields.Count == 0)
        {
            return;
        }

        if (Stored(context.Flow, CreateDataKey) is not { } createData)
        {
            var options = Party.BeginRegistration(NewUserHandle(), "", []).ToJson();
            createData = new JsonObject
            {
                ["credentialOptions"] = JsonNode.Parse(RelyingParty.Wrap(options)),
                ["displayNameFieldName"] = fields[0],
                ["displayNameFieldNames"] = new JsonArray([.. fields.Select(f => (JsonNode)JsonValue.Create(f))]),
            }.ToJsonString();
            context.Flow.Data[SessionKey] = options;
            context.Flow.Data[CreateDataKey] = createData;
        }

        var browser = !context.Flow.IsApi;
        context.Ui.Nodes.Add(PasskeyNodes.Hidden(PasskeyNodes.CreateData, createData));
        context.Ui.Nodes.Add(WebAuthnTriggers.Button(PasskeyNodes.RegisterTrigger, NodeGroup.Passkey, WebAuthnTriggers.PasskeyRegistration,
            Messages.RegistrationRegisterPasskey(), browser));
        if (browser)
        {
            context.Ui.Nodes.Add(WebAuthnScript.Node(PublicBaseUrl, NodeGroup.Passkey));
        }

        context.Ui.Nodes.Add(PasskeyNodes.Hidden(PasskeyNodes.Register));
    }

    /// <summary>The traits marked <c>passkey.display_name</c>, else those marked <c>webauthn.identifier</c>, as <c>traits.…</c> field names.</summary>
    static List<string> DisplayNameFields(IdentitySchema schema)
    {
        var marked = schema.Extensions.Where(e => e.Extension.PasskeyDisplayName).ToList();
        if (marked.Count == 0)
        {
            marked = schema.Extensions.Where(e => e.Extension.WebAuthnIdentifier).ToList();
        }

        return [.. marked.Select(e => "traits." + string.Join('.', e.Path))];
    }

    public async ValueTask<StrategyOutcome> RegisterAsync(FlowContext context, CancellationToken ct)
    {
        var register = FlowPayload.String(context.Payload, PasskeyNodes.Register);
        // Kratos: the React SDK sends "true" for an empty result, which is no submission either.
        if (string.IsNullOrEmpty(register) || register == "true")
        {
            return StrategyOutcome.NotResponsible;
        }

        var ui = context.Ui;
        ui.ResetMessages();
        var traits = TraitsPayload.Read(context.Payload, context.Schema);
        TraitNodes.WriteValues(ui, traits);
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

        var handle = CredentialCreateOptions.FromJson(stored!).User.Id;
        var ring = new WebAuthnKeyring { UserHandle = handle };
        ring.Keys.Add(WebAuthnKey.FromRegistration(created!, null, passwordless: true, time.GetUtcNow().UtcDateTime));
        _ceremonies.Store(identity, ring, handle);
        context.Flow.Data.Remove(SessionKey);
        context.Flow.Data.Remove(CreateDataKey);
        return StrategyOutcome.Succeeded(identity, Id, Sessions.Aal.Aal1);
    }
}
