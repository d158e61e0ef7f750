using System.Text.Json.Nodes;
using Tessera.Flows.Ui;

namespace Tessera.WebAuthn;

/// <summary>
/// The buttons that start a ceremony in the helper script (<c>onclickTrigger</c> names a global function of
/// <see cref="WebAuthnScript"/>; <c>onclick</c> is Kratos's deprecated inline call of the same function).
/// </summary>
internal static class WebAuthnTriggers
{
    public const string WebAuthnRegistration = "oryWebAuthnRegistration";
    public const string WebAuthnLogin = "oryWebAuthnLogin";
    public const string PasskeyLogin = "oryPasskeyLogin";
    public const string PasskeyLoginAutocompleteInit = "oryPasskeyLoginAutocompleteInit";
    public const string PasskeyRegistration = "oryPasskeyRegistration";
    public const string PasskeySettingsRegistration = "oryPasskeySettingsRegistration";

    /// <summary>A button whose value is the options JSON and whose click hands it to <paramref name="trigger"/>.</summary>
    public static UiNode Button(string name, string group, string trigger, string options, Text.UiText label) =>
        new(group, new InputAttributes(name, InputType.Button)
        {
            Value = JsonValue.Create(options),
            OnClick = $"window.{trigger}({options})",
            OnClickTrigger = trigger,
        })
        { Meta = { Label = label } };

    /// <summary>
    /// A button that calls <paramref name="trigger"/> without arguments (the script reads the options from the form);
    /// api flows get no inline <c>onclick</c>, as Kratos keeps them script-free.
    /// </summary>
    public static UiNode Button(string name, string group, string trigger, Text.UiText label, bool browser, JsonNode? value = null) =>
        new(group, new InputAttributes(name, InputType.Button)
        {
            Value = value,
            OnClick = browser ? $"window.{trigger}()" : null,
            OnClickTrigger = trigger,
        })
        { Meta = { Label = label } };
}
