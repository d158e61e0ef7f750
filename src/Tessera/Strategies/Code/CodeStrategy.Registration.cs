using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Courier.Templates;
using Tessera.Flows;
using Tessera.Flows.Codes;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Sessions;
using Tessera.Text;

namespace Tessera.Strategies.Code;

/// <summary>
/// Registration by code (Kratos's strategy_registration.go, <c>passwordless_enabled</c>): the traits are validated and a
/// <c>registration_code_valid</c> message goes to each code address in them (state <c>sent_email</c>, 1040005, trait
/// inputs hidden); the same traits with a code then make the identity, the address the code went to verified. There is
/// no identity to bind codes to yet, so they live in the flow (<see cref="PendingKey"/>): only their HMAC, the traits of
/// step 1, and whether one was used.
/// </summary>
internal sealed partial class CodeStrategy
{
    const string PendingKey = "code_registration";

    public void PopulateRegistration(FlowContext context)
    {
        if (Passwordless)
        {
            context.Ui.Nodes.Add(UiNode.InputField("method", InputType.Submit, NodeGroup.Code, Messages.RegistrationRegisterCode(), value: JsonValue.Create(Id)));
        }
    }

    public async ValueTask<StrategyOutcome> RegisterAsync(FlowContext context, CancellationToken ct)
    {
        if (!Passwordless || context.Method != Id)
        {
            return StrategyOutcome.NotResponsible;
        }

        var flow = context.Flow;
        var resend = string.Equals(FlowPayload.String(context.Payload, "resend"), "code", StringComparison.OrdinalIgnoreCase);
        // Back on the method choice (profile-first "screen=credential-selection") there is no code input: the button sends anew.
        var backOnChoice = flow.State == FlowStates.SentEmail && context.Ui.Find("code", NodeGroup.Code) is null;
        var state = resend || backOnChoice ? FlowStates.ChooseMethod : flow.State;
        return state switch
        {
            FlowStates.ChooseMethod => await SendRegistrationCodeAsync(context, ct).ConfigureAwait(false),
            FlowStates.SentEmail => await UseRegistrationCodeAsync(context, ct).ConfigureAwait(false),
            _ => Refuse(context, Messages.RegistrationNoStrategyFound()),
        };
    }

    async Task<StrategyOutcome> SendRegistrationCodeAsync(FlowContext context, CancellationToken ct)
    {
        var flow = context.Flow;
        var ui = context.Ui;
        ui.ResetMessages();
        var traits = TraitsPayload.Read(context.Payload, context.Schema);
        TraitNodes.WriteValues(ui, traits);
        if (SchemaErrorMessages.Apply(ui, TraitsValidator.Validate(context.Schema, traits), traits, context.Schema))
        {
            return StrategyOutcome.Invalid;
        }

        if (NewIdentity(context, traits) is not { } identity)
        {
            return StrategyOutcome.Invalid;
        }

        var addresses = CodeAddress.Of(identity);
        if (addresses.Count == 0)
        {
            return Refuse(context, Messages.IdentifierMissing());
        }

        if (TooManySends(flow))
        {
            return Refuse(context, Messages.Generic(TooOften));
        }

        var now = Now();
        var pending = new JsonArray();
        var outgoing = new List<(CodeAddress Address, string Code)>();
        foreach (var address in addresses)
        {
            var code = OneTimeCodeStore.NewCode();
            outgoing.Add((address, code));
            pending.Add((JsonNode)new JsonObject
            {
                ["via"] = address.Via,
                ["to"] = address.To,
                ["hmac"] = codes.Seal(code),
                ["expires_at"] = (now + Options.Lifespan).ToString("O", CultureInfo.InvariantCulture),
            });
        }

        // A resend replaces the earlier codes.
        flow.Data[PendingKey] = new JsonObject { ["traits"] = traits.DeepClone(), ["codes"] = pending };
        ShowRegistrationSent(context, traits);
        await database.InTransactionAsync(async (connection, transaction) =>
        {
            foreach (var (address, code) in outgoing)
            {
                var fields = messages.Fields(flow, identity, address.To, code, null, Options.Lifespan) with { Traits = (JsonObject)traits.DeepClone() };
                await messages.QueueAsync(address.Via, TemplateType.RegistrationCodeValid, fields, connection, transaction, ct).ConfigureAwait(false);
            }

            await flows.UpdateAsync(flow, connection, transaction, ct).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        messages.Wake();
        return StrategyOutcome.RegistrationCodeSent;
    }

    async Task<StrategyOutcome> UseRegistrationCodeAsync(FlowContext context, CancellationToken ct)
    {
        var flow = context.Flow;
        var ui = context.Ui;
        ui.ResetMessages();
        ui.SetValue("code", null);
        var submitted = FlowPayload.String(context.Payload, "code");
        if (string.IsNullOrEmpty(submitted))
        {
            ui.AddMessage("code", Messages.Required("code"));
            return StrategyOutcome.Invalid;
        }

        var traits = TraitsPayload.Read(context.Payload, context.Schema);
        if (flow.Data[PendingKey] is not JsonObject pending || !JsonNode.DeepEquals(pending["traits"], traits))
        {
            return Refuse(context, Messages.TraitsMismatch());
        }

        if (await flows.CountSubmissionAsync(flow.Id, ct).ConfigureAwait(false) > Options.MaxSubmissions)
        {
            return Refuse(context, Messages.Generic(TooOften));
        }

        var now = Now();
        JsonObject? match = null;
        foreach (var entry in (pending["codes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            // Every entry is checked, so the time taken does not tell which address a code belongs to.
            var opens = Text(entry["hmac"]) is { } sealedValue && codes.Opens(sealedValue, submitted);
            if (opens && match is null && entry["used"] is null
                && DateTime.TryParse(Text(entry["expires_at"]), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expires) && expires > now)
            {
                match = entry;
            }
        }

        if (match is null)
        {
            // Kratos reports an expired code as not found: the same 4040003 as a wrong one.
            return Refuse(context, Messages.RegistrationCodeInvalidOrAlreadyUsed());
        }

        if (NewIdentity(context, traits) is not { } identity)
        {
            return StrategyOutcome.Invalid;
        }

        var via = Text(match["via"]);
        var to = Text(match["to"]);
        foreach (var address in identity.VerifiableAddresses.Where(a => a.Via == via && a.Value == to))
        {
            address.Verified = true;
            address.VerifiedAt = now;
            address.Status = VerifiableAddressStatus.Completed;
        }

        // The flow is saved as used before the identity is written: a replay finds it past the challenge.
        match["used"] = true;
        flow.State = FlowStates.PassedChallenge;
        return StrategyOutcome.Succeeded(identity, Id, Aal.Aal1);
    }

    Identity? NewIdentity(FlowContext context, JsonObject traits)
    {
        var identity = writer.NewIdentity(context.Schema.Id, traits, out var error);
        if (identity is null)
        {
            context.Fail(Messages.Generic(error!.Reason ?? error.Message));
        }

        return identity;
    }

    /// <summary>
    /// Kratos's populateEmailSentFlow for registration: trait inputs hidden with their values, then code, Continue,
    /// Resend; the csrf_token node only for browser flows (API.md §18, item 13).
    /// </summary>
    void ShowRegistrationSent(FlowContext context, JsonObject traits)
    {
        var flow = context.Flow;
        var ui = flow.Ui;
        var kept = ui.Nodes.Where(n => n.Group == NodeGroup.Default && n.Input is { Type: not InputType.Submit }
            && !(flow.IsApi && n.Input.Name == "csrf_token")).ToList();
        ui.Nodes.Clear();
        ui.Messages.Clear();
        foreach (var node in kept)
        {
            if (node.Messages.Count == 0)
            {
                node.Input!.Type = InputType.Hidden;
            }

            ui.Nodes.Add(node);
        }

        TraitNodes.WriteValues(ui, traits);
        ui.Nodes.Add(CodeNodes.HiddenMethod());
        ui.Nodes.Add(CodeNodes.CodeInput(Messages.LabelRegistrationCode(), digitsOnly: false));
        ui.Nodes.Add(CodeNodes.Continue());
        ui.Nodes.Add(CodeNodes.Resend("resend", Id));
        if (!options.RegistrationUnified)
        {
            ui.Nodes.Add(UiNode.InputField("screen", InputType.Submit, NodeGroup.Profile, Messages.RegistrationBack(), value: JsonValue.Create("credential-selection")));
        }

        ui.Messages.Add(Messages.RegistrationEmailWithCodeSent());
        flow.State = FlowStates.SentEmail;
        flow.Active = Id;
    }

    static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
