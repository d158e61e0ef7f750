using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Flows;
using Tessera.Flows.Codes;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Persistence;
using Tessera.Text;

namespace Tessera.Strategies.Link;

/// <summary>
/// Magic links (Kratos's legacy method, off by default): recovery and verification by a link with a one-time token,
/// <c>/self-service/recovery|verification?flow=…&amp;token=…</c>, opened in a browser.
/// </summary>
internal sealed partial class LinkStrategy(
    TesseraConfig config,
    FlowOptions options,
    FlowFactory factory,
    FlowStore flows,
    OneTimeCodeStore codes,
    CodeMessages messages,
    CodeForms forms,
    IdentityStore identities,
    SecretDelivery delivery,
    Database database,
    TimeProvider time) : IRecoveryStrategy, IVerificationStrategy
{
    public const string Method = "link";

    /// <summary>The AMR method of a session that a recovery link issued.</summary>
    public const string RecoveryMethod = "link_recovery";

    public string Id => Method;

    public bool Enabled => ConfigNode.Bool(config.Root, "selfservice.methods.link.enabled", false);

    /// <summary>How long a link stays usable, also for the administrator's links without <c>expires_in</c>.</summary>
    public LinkOptions Options { get; } = LinkOptions.From(config);

    static UiNode Submit() => UiNode.InputField("method", InputType.Submit, NodeGroup.Link, Messages.LabelContinue(), value: JsonValue.Create(Method));

    /// <summary>The first screen, and the one after a link was sent: the address (as typed, if any) and the submit button.</summary>
    void AddressForm(Flow flow, string? typed)
    {
        var ui = flow.Ui;
        ui.Messages.Clear();
        ui.Nodes.RemoveAll(n => n.Name is "email" or "method");
        ui.Nodes.Add(forms.AddressInput(NodeGroup.Link, phoneToo: false, typed));
        ui.Nodes.Add(Submit());
    }

    /// <summary>A link to <paramref name="path"/> of the public API that opens the flow with the token.</summary>
    string LinkTo(string path, Flow flow, string token) =>
        new Uri(options.Config.Public.BaseUrl, path).AbsoluteUri + "?flow=" + flow.Id + "&token=" + token;

    DateTime Now()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
    }
}
