using System.Text.Json.Nodes;
using Tessera.Flows;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Strategies.Profile;

internal sealed partial class ProfileStrategy
{
    public void PopulateSettings(FlowContext context)
    {
        var ui = context.Ui;
        ui.Nodes.AddRange(TraitNodes.Generate(context.Schema, NodeGroup.Profile));
        if (context.SessionIdentity is { } identity)
        {
            TraitNodes.WriteValues(ui, identity.Traits);
        }

        ui.Nodes.Add(UiNode.InputField("method", "submit", NodeGroup.Profile, value: Method, label: Messages.LabelSave()));
    }

    public async ValueTask<StrategyOutcome> UpdateSettingsAsync(FlowContext context, CancellationToken ct)
    {
        if (context.Method != Id)
        {
            return StrategyOutcome.NotResponsible;
        }

        var ui = context.Ui;
        var current = context.SessionIdentity!;
        ui.ResetMessages();
        if (context.Payload["traits"] is not JsonObject)
        {
            // Kratos answers a submission without traits with its generic 400 reason, shown as 4000001.
            context.Fail(Messages.Generic("Did not receive any value changes."));
            return StrategyOutcome.Invalid;
        }

        // The traits replace the stored ones wholesale: the form shows what was sent, omitted traits empty.
        var traits = TraitsPayload.Read(context.Payload, context.Schema);
        foreach (var node in ui.Nodes.Where(n => n.Input is not null && n.Name.StartsWith("traits.", StringComparison.Ordinal)))
        {
            node.Input!.Value = null;
        }

        TraitNodes.WriteValues(ui, traits);
        if (SchemaErrorMessages.Apply(ui, TraitsValidator.Validate(context.Schema, traits), traits, context.Schema))
        {
            return StrategyOutcome.Invalid;
        }

        // A fresh copy: the session's identity stays as it was for the answer when the change is refused.
        var updated = await identities.GetAsync(current.Id, ct).ConfigureAwait(false);
        if (updated is null)
        {
            return StrategyOutcome.Failed(Errors.ApiErrors.ResourceNotFound());
        }

        updated.Traits = traits;
        if (writer.Derive(updated, null, previous: null) is { } deriveError)
        {
            context.Fail(Messages.Generic(deriveError.Reason ?? deriveError.Message));
            return StrategyOutcome.Invalid;
        }

        // Identifiers and addresses are what a login and a recovery rest on: changing them needs a recent login.
        if (!context.PrivilegedSession && ProtectedFields.Changed(current, updated))
        {
            return StrategyOutcome.RefreshRequired;
        }

        return StrategyOutcome.Updated(updated, Id);
    }
}
