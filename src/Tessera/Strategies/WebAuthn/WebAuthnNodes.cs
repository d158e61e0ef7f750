using System.Text.Json.Nodes;
using Tessera.Flows.Ui;
using Tessera.Text;
using Tessera.WebAuthn;

namespace Tessera.Strategies.WebAuthn;

/// <summary>The webauthn group's nodes (API.md §6.6), as Kratos's webauthnx builds them.</summary>
internal static class WebAuthnNodes
{
    public const string Register = "webauthn_register";
    public const string RegisterTrigger = "webauthn_register_trigger";
    public const string RegisterDisplayName = "webauthn_register_displayname";
    public const string Login = "webauthn_login";
    public const string LoginTrigger = "webauthn_login_trigger";
    public const string Remove = "webauthn_remove";

    public static UiNode DisplayName() =>
        UiNode.InputField(RegisterDisplayName, InputType.Text, NodeGroup.WebAuthn, value: JsonValue.Create(""),
            label: Messages.SettingsRegisterWebAuthnDisplayName());

    public static UiNode RegisterInput() => UiNode.InputField(Register, InputType.Hidden, NodeGroup.WebAuthn, value: JsonValue.Create(""));

    public static UiNode RegisterButton(string options, UiText label) =>
        WebAuthnTriggers.Button(RegisterTrigger, NodeGroup.WebAuthn, WebAuthnTriggers.WebAuthnRegistration, options, label);

    public static UiNode LoginInput() => UiNode.InputField(Login, InputType.Hidden, NodeGroup.WebAuthn, value: JsonValue.Create(""));

    public static UiNode LoginButton(string options, UiText label) =>
        WebAuthnTriggers.Button(LoginTrigger, NodeGroup.WebAuthn, WebAuthnTriggers.WebAuthnLogin, options, label);

    public static UiNode RemoveButton(WebAuthnKey key, bool disabled) =>
        UiNode.InputField(Remove, InputType.Submit, NodeGroup.WebAuthn, value: JsonValue.Create(key.HexId), disabled: disabled,
            label: Messages.SettingsRemoveWebAuthn(key.DisplayName, new DateTimeOffset(key.AddedAt, TimeSpan.Zero)));
}
