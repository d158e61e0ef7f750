using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Flows.Codes;

/// <summary>
/// The form pieces the recovery and verification methods share: the address input and the checks on what was typed
/// into it, and the screen of a verification flow that proved its address.
/// </summary>
internal sealed class CodeForms(FlowOptions options)
{
    /// <summary>The longest address Kratos's recovery and verification payloads accept.</summary>
    const int MaxAddressLength = 320;

    /// <summary>Whether an <c>sms</c> courier channel is configured: the verification input then takes phone numbers too.</summary>
    public bool SmsChannel =>
        ConfigNode.At(options.Config.Root, "courier.channels") is JsonArray channels
        && channels.OfType<JsonObject>().Any(c => ConfigNode.String(c, "id") == "sms");

    /// <summary>
    /// The <c>email</c> input of a first screen: type email, label 1070007; when it takes phone numbers too
    /// (verification by code with an SMS channel), type text and label 1070018.
    /// </summary>
    public UiNode AddressInput(string group, bool phoneToo, string? value = null)
    {
        var phone = phoneToo && SmsChannel;
        return UiNode.InputField("email", phone ? InputType.Text : InputType.Email, group,
            phone ? Messages.LabelEmailOrPhoneNumber() : Messages.LabelEmail(), required: true, value: value is null ? null : JsonValue.Create(value));
    }

    /// <summary>
    /// The address a submission names in <c>email</c>, or null with the reason on the <c>email</c> node (put back with
    /// what was typed): missing (4000002), not a string (4000026), longer than 320 characters (4000017), or for e-mails
    /// only, no @ in it (4000040, Kratos's <c>email_loose</c>).
    /// </summary>
    public string? ReadAddress(FlowContext context, string group, bool emailOnly)
    {
        var ui = context.Ui;
        var node = context.Payload["email"];
        var typed = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        UiText? problem = node switch
        {
            null => Messages.Required("email"),
            _ when typed is null => Messages.FromSchemaError("type", node, JsonValue.Create("string")),
            _ when typed.EnumerateRunes().Count() > MaxAddressLength => Messages.FromSchemaError("maxLength", node, JsonValue.Create(MaxAddressLength)),
            _ when emailOnly && !typed.Contains('@', StringComparison.Ordinal) => Messages.InvalidEmail(typed),
            _ => null,
        };
        if (problem is null)
        {
            return typed;
        }

        ui.ResetMessages();
        var input = ui.Find("email");
        if (input?.Input is { Type: not InputType.Submit } attributes)
        {
            attributes.Value = typed is null ? null : JsonValue.Create(typed);
        }
        else
        {
            ui.Nodes.RemoveAll(n => n.Name == "email");
            ui.Nodes.Insert(Math.Min(1, ui.Nodes.Count), AddressInput(group, !emailOnly, typed));
        }

        ui.AddMessage("email", problem);
        return null;
    }

    /// <summary>
    /// The screen of a verification flow whose address was proven: <c>passed_challenge</c>, a GET form to the continue
    /// URL with one <c>continue</c> link, and 1080002 (1080005 for a phone number). Browser flows keep a csrf_token.
    /// </summary>
    public void Verified(Flow flow, string group, string via, string? csrfToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var target = ContinueUrl(flow).AbsoluteUri;
        var ui = new UiContainer(target, "GET");
        ui.Nodes.Add(new UiNode(group, new AnchorAttributes("continue", target, Messages.LabelContinue())) { Meta = { Label = Messages.LabelContinue() } });
        if (!flow.IsApi)
        {
            ui.Nodes.Add(UiNode.InputField("csrf_token", InputType.Hidden, NodeGroup.Default, value: csrfToken ?? "", required: true));
        }

        ui.Messages.Add(via == CodeMessages.Sms ? Messages.PhoneVerificationSuccessful() : Messages.VerificationSuccessful());
        flow.Ui = ui;
        flow.State = FlowStates.PassedChallenge;
    }

    /// <summary>
    /// Where a verified user goes on: the flow's return_to, else <c>selfservice.flows.verification.after.default_browser_return_url</c>,
    /// else <c>selfservice.default_browser_return_url</c>.
    /// </summary>
    public Uri ContinueUrl(Flow flow) =>
        (flow.ReturnTo is { } stored && Uri.TryCreate(stored, UriKind.Absolute, out var uri) ? uri : null)
        ?? options.DefaultReturnUrl(FlowKind.Verification, null)
        ?? options.Config.Public.BaseUrl;
}
