using System.Text.Json.Nodes;
using Tessera.Flows;
using Tessera.Flows.Ui;
using Tessera.Hashing;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Strategies.Password;

internal sealed partial class PasswordStrategy
{
    public void PopulateRegistration(FlowContext context)
    {
        context.Ui.Nodes.Add(UiNode.InputField("password", "password", NodeGroup.Password, required: true, autocomplete: "new-password",
            label: Messages.LabelPassword()));
        context.Ui.Nodes.Add(UiNode.InputField("method", "submit", NodeGroup.Password, value: "password", label: Messages.Registration()));
    }

    public async ValueTask<StrategyOutcome> RegisterAsync(FlowContext context, CancellationToken ct)
    {
        if (context.Method != Id)
        {
            return StrategyOutcome.NotResponsible;
        }

        var ui = context.Ui;
        ui.ResetMessages();
        var traits = TraitsPayload.Read(context.Payload, context.Schema);
        TraitNodes.WriteValues(ui, traits);
        var password = FlowPayload.String(context.Payload, "password");
        ui.SetValue("password", null);

        // Schema errors first (a missing password counts among them); the password policy only runs on valid traits.
        var invalid = SchemaErrorMessages.Apply(ui, TraitsValidator.Validate(context.Schema, traits), traits, context.Schema);
        if (string.IsNullOrEmpty(password))
        {
            ui.AddMessage("password", Messages.Required("password"));
            invalid = true;
        }

        if (invalid)
        {
            return StrategyOutcome.Invalid;
        }

        var identity = writer.NewIdentity(context.Schema.Id, traits, out var deriveError);
        if (identity is null)
        {
            context.Fail(Messages.Generic(deriveError!.Reason ?? deriveError.Message));
            return StrategyOutcome.Invalid;
        }

        var identifiers = identity.Credentials.GetValueOrDefault(CredentialsType.Password)?.Identifiers ?? [];
        if (identifiers.Count == 0)
        {
            context.Fail(Messages.IdentifierMissing());
            return StrategyOutcome.Invalid;
        }

        switch (await policy.CheckAsync(password!, identifiers, ct).ConfigureAwait(false))
        {
            case PasswordPolicyViolation.Rejected rejected:
                ui.AddMessage("password", new UiText(rejected.Id, rejected.Text, UiText.Error, rejected.Context));
                return StrategyOutcome.Invalid;
            case PasswordPolicyViolation.BreachServerUnavailable:
                return StrategyOutcome.Failed(new Errors.ApiError(PasswordPolicyViolation.BreachServerUnavailable.Status, "Upstream error",
                    Reason: PasswordPolicyViolation.BreachServerUnavailable.Reason));
        }

        var hash = await gate.RunAsync(() => hasher.Hash(password!), ct).ConfigureAwait(false);
        identity.Credentials[CredentialsType.Password].Config = new JsonObject { ["hashed_password"] = hash };
        return StrategyOutcome.Succeeded(identity, Id, Sessions.Aal.Aal1);
    }
}
