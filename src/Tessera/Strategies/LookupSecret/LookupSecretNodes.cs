using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Strategies.LookupSecret;

/// <summary>The settings and login nodes of lookup secrets, named and labelled as Kratos's <c>selfservice/strategy/lookup</c> makes them.</summary>
internal static class LookupSecretNodes
{
    public const string Reveal = "lookup_secret_reveal";
    public const string Regenerate = "lookup_secret_regenerate";
    public const string Disable = "lookup_secret_disable";
    public const string Codes = "lookup_secret_codes";
    public const string Confirm = "lookup_secret_confirm";

    /// <summary>The login field for one code.</summary>
    public const string Enter = "lookup_secret";

    /// <summary>Every node a settings action replaces (Kratos's <c>allSettingsNodes</c>).</summary>
    static readonly string[] SettingsNodes = [Reveal, Regenerate, Disable, Codes, Confirm];

    public static UiNode RevealButton() => Button(Reveal, Messages.SettingsRevealLookup());

    public static UiNode RegenerateButton() => Button(Regenerate, Messages.SettingsRegenerateLookup());

    public static UiNode DisableButton() => Button(Disable, Messages.SettingsDisableLookup());

    public static UiNode ConfirmButton() => Button(Confirm, Messages.SettingsLookupConfirm());

    /// <summary>The codes as one text (1050015): unused ones as 1050009 with the code, used ones as 1050014 with the time.</summary>
    public static UiNode CodeList(IEnumerable<RecoveryCode> codes)
    {
        var secrets = codes.Select(c => c.UsedAt is { } used ? Messages.SettingsLookupSecretUsed(used) : Messages.SettingsLookupSecret(c.Code)).ToList();
        return new UiNode(NodeGroup.LookupSecret, new TextAttributes(Codes, Messages.SettingsLookupSecretList(secrets)))
        {
            Meta = { Label = Messages.SettingsLookupSecretLabel() },
        };
    }

    /// <summary>Removes every lookup settings node, wherever it is, before an action puts its own.</summary>
    public static void RemoveSettingsNodes(UiContainer ui) => ui.Nodes.RemoveAll(n => SettingsNodes.Contains(n.Name));

    static UiNode Button(string name, UiText label) => UiNode.InputField(name, InputType.Submit, NodeGroup.LookupSecret, value: "true", label: label);
}
