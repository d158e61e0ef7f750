using System.Text.Json.Nodes;
using Tessera.Flows;
using Tessera.Flows.Ui;
using Tessera.Hashing;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Strategies.Password;

internal sealed partial class PasswordStrategy
{
    // A hash of the configured kind to compare against when the identifier is unknown, so both cost the same.
    readonly Lazy<string> _decoyHash = new(() => hasher.Hash("tessera-decoy-" + Guid.NewGuid()));

    public void PopulateLogin(FlowContext context)
    {
        var ui = context.Ui;
        if (context.Flow.Refresh && context.SessionIdentity is { } identity
            && identity.Credentials.TryGetValue(CredentialsType.Password, out var credential) && credential.Identifiers.Count > 0)
        {
            ui.Nodes.Add(UiNode.InputField("identifier", "hidden", NodeGroup.Default, value: credential.Identifiers[0], required: true));
        }
        else
        {
            ui.Nodes.Add(UiNode.InputField("identifier", "text", NodeGroup.Default, value: "", required: true, label: Flows.Login.LoginIdentifierLabel.For(context.Schema)));
        }

        ui.Nodes.Add(UiNode.InputField("password", "password", NodeGroup.Password, required: true, autocomplete: "current-password",
            label: Messages.LabelPassword()));
        ui.Nodes.Add(UiNode.InputField("method", "submit", NodeGroup.Password, value: "password",
            label: context.Flow.Refresh ? Messages.LoginReAuth() : Messages.LoginPassword()));
    }

    public async ValueTask<StrategyOutcome> LoginAsync(FlowContext context, CancellationToken ct)
    {
        if (context.Method != Id)
        {
            return StrategyOutcome.NotResponsible;
        }

        var payload = context.Payload;
        var identifier = FlowPayload.String(payload, "identifier") ?? FlowPayload.String(payload, "password_identifier");
        var password = FlowPayload.String(payload, "password");
        context.Ui.ResetMessages();
        context.Ui.SetValue("identifier", identifier is null ? null : JsonValue.Create(identifier));
        context.Ui.SetValue("password", null);
        var missing = false;
        if (string.IsNullOrEmpty(identifier))
        {
            context.Ui.AddMessage("identifier", Messages.Required("identifier"));
            missing = true;
        }

        if (string.IsNullOrEmpty(password))
        {
            context.Ui.AddMessage("password", Messages.Required("password"));
            missing = true;
        }

        if (missing)
        {
            return StrategyOutcome.Invalid;
        }

        var identity = await identities.FindByIdentifierAsync(CredentialsType.Password, IdentifierNormalizer.Normalize(identifier!), ct).ConfigureAwait(false);
        var hash = identity?.Credentials.GetValueOrDefault(CredentialsType.Password)?.Config["hashed_password"] is JsonValue stored
                   && stored.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? stored.GetValue<string>()
            : null;
        if (identity is null || string.IsNullOrEmpty(hash))
        {
            // Same work as a real comparison: an unknown identifier must not answer faster than a wrong password.
            var decoy = _decoyHash.Value;
            await gate.RunAsync(() => HashFormats.Verify(password!, decoy), ct).ConfigureAwait(false);
            context.Fail(Messages.InvalidCredentials());
            return StrategyOutcome.Invalid;
        }

        if (!await gate.RunAsync(() => HashFormats.Verify(password!, hash), ct).ConfigureAwait(false))
        {
            context.Fail(Messages.InvalidCredentials());
            return StrategyOutcome.Invalid;
        }

        if (identity.State != IdentityState.Active)
        {
            context.Fail(Messages.IdentityDisabled());
            return StrategyOutcome.Invalid;
        }

        if (!hasher.Understands(hash))
        {
            // Imported or older hashes are upgraded to the configured hasher once the password is known to be right.
            var upgraded = await gate.RunAsync(() => hasher.Hash(password!), ct).ConfigureAwait(false);
            var credential = identity.Credentials[CredentialsType.Password];
            credential.Config = new JsonObject { ["hashed_password"] = upgraded };
            credential.UpdatedAt = writer.Now();
            await writer.UpdateAsync(identity, ct).ConfigureAwait(false);
        }

        return StrategyOutcome.Succeeded(identity, Id, Sessions.Aal.Aal1);
    }
}
