using System.Text.Json.Nodes;
using Tessera.Flows.Ui;
using Tessera.Text;
using Tessera.WebAuthn;

namespace Tessera.Strategies.Passkey;

/// <summary>The passkey group's nodes (API.md §6.7), as Kratos's passkey strategy builds them.</summary>
internal static class PasskeyNodes
{
    public const string CreateData = "passkey_create_data";
    public const string Register = "passkey_register";
    public const string RegisterTrigger = "passkey_register_trigger";
    public const string SettingsRegister = "passkey_settings_register";
    public const string Challenge = "passkey_challenge";
    public const string Login = "passkey_login";
    public const string LoginTrigger = "passkey_login_trigger";
    public const string Remove = "passkey_remove";

    public static UiNode Hidden(string name, string? value = null) =>
        UiNode.InputField(name, InputType.Hidden, NodeGroup.Passkey, value: value is null ? null : JsonValue.Create(value));

    /// <summary>The result input of a login; on browser flows its onload starts conditional UI (autofill of passkeys).</summary>
    public static UiNode LoginInput(bool browser) =>
        new(NodeGroup.Passkey, new InputAttributes(Login, InputType.Hidden)
        {
            OnLoad = browser ? $"window.{WebAuthnTriggers.PasskeyLoginAutocompleteInit}()" : null,
            OnLoadTrigger = WebAuthnTriggers.PasskeyLoginAutocompleteInit,
        });

    public static UiNode RemoveButton(WebAuthnKey key, bool disabled) =>
        UiNode.InputField(Remove, InputType.Submit, NodeGroup.Passkey, value: JsonValue.Create(key.HexId), disabled: disabled,
            label: Messages.SettingsRemovePasskey(key.DisplayName, new DateTimeOffset(key.AddedAt, TimeSpan.Zero)));
}
