namespace Tessera.Flows.Ui;

// Node order (API.md §3.7). Clients should not depend on it, but Kratos sorts, and snapshots compare order.
internal sealed partial class UiContainer
{
    static readonly string[] LoginGroups =
        [NodeGroup.Oidc, NodeGroup.Default, NodeGroup.WebAuthn, NodeGroup.Passkey, NodeGroup.Code, NodeGroup.Password, NodeGroup.Totp, NodeGroup.LookupSecret];

    static readonly string[] RegistrationGroups =
        [NodeGroup.Oidc, NodeGroup.Saml, NodeGroup.Default, NodeGroup.WebAuthn, NodeGroup.Passkey, NodeGroup.Code, NodeGroup.Password, NodeGroup.Captcha, NodeGroup.Profile];

    static readonly string[] SettingsGroups =
        [NodeGroup.Default, NodeGroup.Profile, NodeGroup.Password, NodeGroup.Oidc, NodeGroup.LookupSecret, NodeGroup.WebAuthn, NodeGroup.Passkey, NodeGroup.Totp];

    static readonly string[] LeadingNames = ["csrf_token", "identifier", "password"];

    /// <summary>
    /// Stable sort: by the flow's group order (groups it does not name keep their place after the named ones); inside a
    /// group <c>csrf_token</c>, <c>identifier</c>, <c>password</c> first and the <c>method</c> submit last. Trait nodes
    /// follow <paramref name="traitOrder"/> (dotted node names in schema property order) when given, otherwise they
    /// keep the order they were added in. Recovery and verification have no group order; only the in-group rules apply.
    /// </summary>
    public void Sort(FlowKind kind, IReadOnlyList<string>? traitOrder = null)
    {
        var groups = kind switch
        {
            FlowKind.Login => LoginGroups,
            FlowKind.Registration => RegistrationGroups,
            FlowKind.Settings => SettingsGroups,
            _ => [],
        };

        var keyed = Nodes.Select((node, index) => (node, index, key: Key(node, groups, traitOrder))).ToList();
        keyed.Sort((a, b) =>
        {
            var byKey = a.key.CompareTo(b.key);
            return byKey != 0 ? byKey : a.index.CompareTo(b.index);
        });
        Nodes.Clear();
        Nodes.AddRange(keyed.Select(k => k.node));
    }

    static (int Group, int Rank, int Trait) Key(UiNode node, string[] groups, IReadOnlyList<string>? traitOrder)
    {
        var group = Array.IndexOf(groups, node.Group);
        if (group < 0)
        {
            group = groups.Length;
        }

        var leading = Array.IndexOf(LeadingNames, node.Name);
        var rank = node.Input is { Name: "method", Type: InputType.Submit } ? 2 : leading >= 0 ? -LeadingNames.Length + leading : 0;

        var trait = 0;
        if (traitOrder is not null && node.Name.StartsWith("traits.", StringComparison.Ordinal))
        {
            var at = IndexOf(traitOrder, node.Name);
            trait = at < 0 ? traitOrder.Count : at;
        }

        return (group, rank, trait);
    }

    static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
