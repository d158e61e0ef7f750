using System.Text.Json.Nodes;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Strategies;
using Tessera.Text;

namespace Tessera.Flows.Registration;

/// <summary>
/// The first screen of profile-first registration (<c>method=profile</c>): the traits are validated, then shown as
/// hidden inputs beside the credential methods, with a "Back" button (<c>screen=previous</c>) to edit them again.
/// </summary>
internal static class ProfileStep
{
    public const string Method = "profile";

    public static void PopulateFirstScreen(FlowContext context) =>
        context.Ui.Nodes.Add(UiNode.InputField("method", "submit", NodeGroup.Profile, value: Method, label: Messages.Registration()));

    public static bool Handles(FlowContext context) =>
        context.Method == Method || FlowPayload.String(context.Payload, "screen") is "credential-selection" or "previous";

    /// <summary>Builds the next (or previous) screen; the caller answers like a validation result (400 + flow, or back to the UI).</summary>
    public static void Advance(FlowContext context, IEnumerable<IRegistrationStrategy> methods)
    {
        var traits = TraitsPayload.Read(context.Payload, context.Schema);
        var ui = context.Ui;
        ui.ResetMessages();
        ui.Nodes.RemoveAll(n => n.Group != NodeGroup.Default || n.Name != "csrf_token");
        var traitNodes = TraitNodes.Generate(context.Schema, NodeGroup.Default).ToList();
        ui.Nodes.AddRange(traitNodes);
        TraitNodes.WriteValues(ui, traits);

        if (FlowPayload.String(context.Payload, "screen") == "previous")
        {
            PopulateFirstScreen(context);
            ui.Sort(FlowKind.Registration);
            return;
        }

        if (SchemaErrorMessages.Apply(ui, TraitsValidator.Validate(context.Schema, traits), traits, context.Schema))
        {
            PopulateFirstScreen(context);
            ui.Sort(FlowKind.Registration);
            return;
        }

        foreach (var node in traitNodes)
        {
            node.Input!.Type = InputType.Hidden;
        }

        foreach (var method in methods)
        {
            method.PopulateRegistration(context);
        }

        ui.Nodes.Add(UiNode.InputField("screen", "submit", NodeGroup.Profile, value: "previous", label: Messages.RegistrationBack()));
        ui.Messages.Add(Messages.RegistrationChooseCredentials());
        ui.Sort(FlowKind.Registration);
    }
}
