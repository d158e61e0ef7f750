using Tessera.Identities;
using Tessera.Schemas;
using Tessera.Strategies;

namespace Tessera.Flows.Settings;

/// <summary>The form of a settings flow: each enabled method's nodes for the identity, current values filled in, in Kratos's settings order.</summary>
internal sealed class SettingsForm(StrategyCatalog strategies, SchemaRegistry schemas)
{
    /// <summary>The identity's own schema; the default one if it is no longer configured.</summary>
    public IdentitySchema SchemaOf(Identity identity) =>
        schemas.Find(identity.SchemaId) is { } schema && schema.Id == identity.SchemaId ? schema : schemas.Default;

    /// <summary>Replaces every node but <c>csrf_token</c>, and every message, with a fresh form for <paramref name="identity"/>.</summary>
    public void Render(HttpContext http, Flow flow, Identity identity)
    {
        flow.Ui.Messages.Clear();
        flow.Ui.Nodes.RemoveAll(n => n.Name != "csrf_token");
        var context = new FlowContext(http, flow, [], SchemaOf(identity)) { SessionIdentity = identity };
        foreach (var strategy in strategies.Settings)
        {
            strategy.PopulateSettings(context);
        }

        flow.Ui.Sort(FlowKind.Settings);
    }
}
