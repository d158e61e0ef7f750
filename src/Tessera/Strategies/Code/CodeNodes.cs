using System.Text.Json.Nodes;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Strategies.Code;

/// <summary>The nodes of the code method's screens (Kratos's strategy/code/node.go).</summary>
internal static class CodeNodes
{
    /// <summary>The six digits a recovery code has; also its input's <c>maxlength</c>.</summary>
    public const int CodeLength = 6;

    /// <summary>The code input; recovery's also says digits only and at most six of them.</summary>
    public static UiNode CodeInput(UiText label, bool digitsOnly)
    {
        var node = UiNode.InputField("code", InputType.Text, NodeGroup.Code, label, required: true, autocomplete: "one-time-code",
            pattern: digitsOnly ? "[0-9]+" : null);
        node.Input!.MaxLength = digitsOnly ? CodeLength : 0;
        return node;
    }

    public static UiNode HiddenMethod() =>
        UiNode.InputField("method", InputType.Hidden, NodeGroup.Code, value: JsonValue.Create(CredentialsType.Code));

    public static UiNode Continue() =>
        UiNode.InputField("method", InputType.Submit, NodeGroup.Code, Messages.LabelContinue(), value: JsonValue.Create(CredentialsType.Code));

    /// <summary>The "Resend code" button: submitting the address again sends a new code and voids the old ones.</summary>
    public static UiNode Resend(string name, string address) =>
        UiNode.InputField(name, InputType.Submit, NodeGroup.Code, Messages.LabelResendOtp(), value: JsonValue.Create(address));
}
