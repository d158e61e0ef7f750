using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Flows;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Strategies.Totp;

internal sealed partial class TotpStrategy
{
    /// <summary>Where a settings flow keeps the key it offered until a code confirms it (encrypted, never written out).</summary>
    const string PendingKey = "totp_pending_url";

    /// <summary>
    /// With TOTP set up, a button to remove it; otherwise a new key (kept encrypted in the flow) shown as a QR code and as
    /// text, and a field for the first code (API.md §6.4, FLOWS.md §7.5).
    /// </summary>
    public void PopulateSettings(FlowContext context)
    {
        var identity = context.SessionIdentity!;
        var ui = context.Ui;
        if (HasTotp(identity))
        {
            context.Flow.Data.Remove(PendingKey);
            ui.Nodes.Add(UiNode.InputField("totp_unlink", "submit", NodeGroup.Totp, value: "true", required: true, label: Messages.SettingsUnlinkTotp()));
            return;
        }

        var key = TotpKey.Generate(Issuer, AccountName(identity));
        context.Flow.Data[PendingKey] = cipher.Encrypt(key.Url);
        ui.Nodes.Add(new UiNode(NodeGroup.Totp, new ImageAttributes("totp_qr", key.QrDataUrl(), 256, 256)) { Meta = { Label = Messages.SettingsTotpQrCode() } });
        ui.Nodes.Add(new UiNode(NodeGroup.Totp, new TextAttributes("totp_secret_key", Messages.SettingsTotpSecret(key.Base32)))
        {
            Meta = { Label = Messages.SettingsTotpSecretLabel() },
        });
        ui.Nodes.Add(UiNode.InputField("totp_code", "text", NodeGroup.Totp, required: true, label: Messages.LabelVerifyOtp()));
        ui.Nodes.Add(UiNode.InputField("method", "submit", NodeGroup.Totp, value: Id, label: Messages.LabelSave()));
    }

    public async ValueTask<StrategyOutcome> UpdateSettingsAsync(FlowContext context, CancellationToken ct)
    {
        var payload = context.Payload;
        var unlink = payload["totp_unlink"] is JsonValue u
            && (u.GetValueKind() == JsonValueKind.True || (u.GetValueKind() == JsonValueKind.String && u.GetValue<string>() == "true"));
        // Kratos: an unlink submission is TOTP's whatever its method says is missing.
        if (context.Method != Id && !(unlink && context.Method is null))
        {
            return StrategyOutcome.NotResponsible;
        }

        var (identity, refusal) = await Flows.Settings.PrivilegedChange.OpenAsync(context, Id, loader, identities, ct).ConfigureAwait(false);
        if (identity is null)
        {
            return refusal!;
        }

        context.Ui.ResetMessages();
        if (HasTotp(identity))
        {
            // Kratos: with TOTP set up, only an unlink changes anything; any other TOTP submission succeeds unchanged.
            if (unlink)
            {
                identity.Credentials.Remove(Id);
            }

            return StrategyOutcome.Updated(identity, Id);
        }

        return await LinkAsync(context, identity, ct).ConfigureAwait(false);
    }

    async Task<StrategyOutcome> LinkAsync(FlowContext context, Identity identity, CancellationToken ct)
    {
        var ui = context.Ui;
        var pending = KeyFrom(context.Flow.Data[PendingKey]);
        if (pending is null)
        {
            return StrategyOutcome.Failed(Errors.ApiErrors.Internal()
                .WithReason("Could not find the TOTP key in the internal context. Start a new settings flow."));
        }

        ui.SetValue("totp_code", null);
        var code = FlowPayload.String(context.Payload, "totp_code");
        if (string.IsNullOrEmpty(code))
        {
            ui.AddMessage("totp_code", Messages.Required("totp_code"));
            return StrategyOutcome.Invalid;
        }

        if (pending.Match(code, time.GetUtcNow()) is not { } step || !await steps.TryUseAsync(identity.Id, step, ct).ConfigureAwait(false))
        {
            ui.AddMessage("totp_code", Messages.TotpVerifierWrong());
            return StrategyOutcome.Invalid;
        }

        var now = writer.Now();
        identity.Credentials[Id] = new Credential
        {
            Id = Persistence.RowId.New(),
            Type = Id,
            // Kratos: the identity id is the identifier; the credential is found by it.
            Identifiers = [identity.Id.ToString()],
            Config = new JsonObject { [UrlKey] = cipher.Encrypt(pending.Url) },
            Version = 0,
            CreatedAt = now,
            UpdatedAt = now,
        };
        context.Flow.Data.Remove(PendingKey);
        // Setting TOTP up proves it: the session gains {totp, aal2} (SettingsCompletion).
        return StrategyOutcome.Updated(identity, Id) with { Aal = Sessions.Aal.Aal2 };
    }

    string AccountName(Identity identity)
    {
        var schema = schemas.Find(identity.SchemaId) ?? schemas.Default;
        return TraitFacts.Extract(schema, identity.Traits).TotpAccountName is { Length: > 0 } name ? name : identity.Id.ToString();
    }
}
