using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Flows;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Strategies.LookupSecret;

internal sealed partial class LookupSecretStrategy
{
    /// <summary>Where a settings flow keeps the codes it showed until they are confirmed (sealed, never written out).</summary>
    const string PendingKey = "lookup_secret_regenerated";

    /// <summary>With codes, buttons to reveal them and to switch the method off; without, a button to make codes.</summary>
    public void PopulateSettings(FlowContext context)
    {
        if (HasCodes(context.SessionIdentity!))
        {
            context.Ui.Nodes.Add(LookupSecretNodes.RevealButton());
            context.Ui.Nodes.Add(LookupSecretNodes.DisableButton());
        }
        else
        {
            context.Ui.Nodes.Add(LookupSecretNodes.RegenerateButton());
        }
    }

    public async ValueTask<StrategyOutcome> UpdateSettingsAsync(FlowContext context, CancellationToken ct)
    {
        var payload = context.Payload;
        var confirm = Flag(payload, LookupSecretNodes.Confirm);
        var reveal = Flag(payload, LookupSecretNodes.Reveal);
        var disable = Flag(payload, LookupSecretNodes.Disable);
        var regenerate = Flag(payload, LookupSecretNodes.Regenerate);
        // Kratos: a submission is this method's when one of its four flags is set, whatever its method says (the
        // buttons carry no method); without a flag it is not, even with method "lookup_secret".
        if (!(confirm || reveal || disable || regenerate))
        {
            return StrategyOutcome.NotResponsible;
        }

        var (identity, refusal) = await Flows.Settings.PrivilegedChange.OpenAsync(context, Id, loader, identities, ct).ConfigureAwait(false);
        if (identity is null)
        {
            return refusal!;
        }

        context.Ui.ResetMessages();
        // Kratos's precedence when several flags are set.
        if (confirm)
        {
            return Confirm(context, identity);
        }

        if (reveal)
        {
            return Reveal(context, identity);
        }

        if (disable)
        {
            identity.Credentials.Remove(Id);
            context.Flow.Data.Remove(PendingKey);
            return StrategyOutcome.Updated(identity, Id);
        }

        var codes = NewCodes();
        LookupSecretNodes.RemoveSettingsNodes(context.Ui);
        context.Ui.Nodes.Add(LookupSecretNodes.CodeList(codes));
        context.Ui.Nodes.Add(LookupSecretNodes.ConfirmButton());
        context.Flow.Data[PendingKey] = cipher.Encrypt(string.Join(',', codes.Select(c => c.Code)));
        return StrategyOutcome.ReturnToUi;
    }

    /// <summary>Saves the codes this flow showed as the credential; they replace any earlier codes, used or not.</summary>
    StrategyOutcome Confirm(FlowContext context, Identity identity)
    {
        var pending = context.Flow.Data[PendingKey] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? cipher.DecryptString(v.GetValue<string>()).Split(',', StringSplitOptions.RemoveEmptyEntries)
            : [];
        if (pending.Length != CodeCount)
        {
            context.Fail(Messages.Generic("You must (re-)generate recovery backup codes before you can save them."));
            return StrategyOutcome.Invalid;
        }

        var now = writer.Now();
        var createdAt = identity.Credentials.TryGetValue(Id, out var previous) ? previous.CreatedAt : now;
        identity.Credentials[Id] = new Credential
        {
            Id = previous?.Id ?? Persistence.RowId.New(),
            Type = Id,
            // Kratos: the codes need no identifier; the identity id is the one the credential is found by.
            Identifiers = [identity.Id.ToString()],
            Config = LookupSecretConfig.Write(pending.Select(c => new RecoveryCode(c)), cipher),
            Version = 0,
            CreatedAt = createdAt,
            UpdatedAt = now,
        };
        context.Flow.Data.Remove(PendingKey);
        // Making the codes proves them: the session gains {lookup_secret, aal2} (SettingsCompletion).
        return StrategyOutcome.Updated(identity, Id) with { Aal = Sessions.Aal.Aal2 };
    }

    /// <summary>Shows the stored codes (used ones with the time they were used), with the buttons to disable and regenerate.</summary>
    StrategyOutcome Reveal(FlowContext context, Identity identity)
    {
        if (!HasCodes(identity))
        {
            context.Fail(Messages.Generic("Can not reveal lookup codes because you have none."));
            return StrategyOutcome.Invalid;
        }

        var codes = LookupSecretConfig.Read(identity.Credentials[Id].Config, cipher);
        LookupSecretNodes.RemoveSettingsNodes(context.Ui);
        context.Ui.Nodes.Add(LookupSecretNodes.CodeList(codes));
        context.Ui.Nodes.Add(LookupSecretNodes.DisableButton());
        context.Ui.Nodes.Add(LookupSecretNodes.RegenerateButton());
        return StrategyOutcome.ReturnToUi;
    }

    /// <summary>A flag as JSON sends it (<c>true</c>) or as a form posts it (<c>"true"</c>).</summary>
    static bool Flag(JsonObject payload, string name) =>
        payload[name] is JsonValue v
        && (v.GetValueKind() == JsonValueKind.True || (v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "true"));
}
