using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Flows;
using Tessera.Flows.Ui;
using Tessera.Hashing;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Strategies.Password;

internal sealed partial class PasswordStrategy
{
    public void PopulateSettings(FlowContext context)
    {
        context.Ui.Nodes.Add(UiNode.InputField("password", "password", NodeGroup.Password, required: true, autocomplete: "new-password",
            label: Messages.LabelPassword()));
        context.Ui.Nodes.Add(UiNode.InputField("method", "submit", NodeGroup.Password, value: "password", label: Messages.LabelSave()));
    }

    public async ValueTask<StrategyOutcome> UpdateSettingsAsync(FlowContext context, CancellationToken ct)
    {
        if (context.Method != Id)
        {
            return StrategyOutcome.NotResponsible;
        }

        // Kratos asks for a recent login before it looks at the new password at all.
        if (!context.PrivilegedSession)
        {
            return StrategyOutcome.RefreshRequired;
        }

        var ui = context.Ui;
        ui.ResetMessages();
        ui.SetValue("password", null);
        var password = FlowPayload.String(context.Payload, "password");
        if (string.IsNullOrEmpty(password))
        {
            ui.AddMessage("password", Messages.Required("password"));
            return StrategyOutcome.Invalid;
        }

        var identity = await identities.GetAsync(context.SessionIdentity!.Id, ct).ConfigureAwait(false);
        if (identity is null)
        {
            return StrategyOutcome.Failed(Errors.ApiErrors.ResourceNotFound());
        }

        // The identifiers the policy compares against are those the traits give now (Kratos validates the identity first).
        if (writer.Derive(identity, null, previous: null) is { } deriveError)
        {
            context.Fail(Messages.Generic(deriveError.Reason ?? deriveError.Message));
            return StrategyOutcome.Invalid;
        }

        var identifiers = identity.Credentials.GetValueOrDefault(CredentialsType.Password)?.Identifiers ?? [];
        if (identifiers.Count == 0)
        {
            context.Fail(Messages.IdentifierMissing());
            return StrategyOutcome.Invalid;
        }

        switch (await policy.CheckAsync(password, identifiers, ct).ConfigureAwait(false))
        {
            case PasswordPolicyViolation.Rejected rejected:
                ui.AddMessage("password", new UiText(rejected.Id, rejected.Text, UiText.Error, rejected.Context));
                return StrategyOutcome.Invalid;
            case PasswordPolicyViolation.BreachServerUnavailable:
                return StrategyOutcome.Failed(new Errors.ApiError(PasswordPolicyViolation.BreachServerUnavailable.Status, "Upstream error",
                    Reason: PasswordPolicyViolation.BreachServerUnavailable.Reason));
        }

        var credential = identity.Credentials[CredentialsType.Password];
        if (credential.Config["hashed_password"] is JsonValue stored && stored.GetValueKind() == JsonValueKind.String
            && stored.GetValue<string>() is { Length: > 0 } current
            && await gate.RunAsync(() => HashFormats.Verify(password, current), ct).ConfigureAwait(false))
        {
            var same = PasswordPolicyViolation.SameAsCurrent();
            ui.AddMessage("password", new UiText(same.Id, same.Text, UiText.Error, same.Context));
            return StrategyOutcome.Invalid;
        }

        var hash = await gate.RunAsync(() => hasher.Hash(password), ct).ConfigureAwait(false);
        credential.Config = new JsonObject { ["hashed_password"] = hash };
        credential.UpdatedAt = writer.Now();
        return StrategyOutcome.Updated(identity, Id);
    }
}
