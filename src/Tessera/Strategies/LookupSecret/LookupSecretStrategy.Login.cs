using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.Flows;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Strategies.LookupSecret;

internal sealed partial class LookupSecretStrategy
{
    enum Spend
    {
        Spent,
        NoCodes,
        Unknown,
        AlreadyUsed,
    }

    /// <summary>Only in an aal2 flow, and only when the session's identity has a lookup_secret credential (as Kratos decides).</summary>
    public void PopulateLogin(FlowContext context)
    {
        if (context.Flow.RequestedAal != Sessions.Aal.Aal2 || context.SessionIdentity is not { } identity
            || !identity.Credentials.ContainsKey(CredentialsType.LookupSecret))
        {
            return;
        }

        context.Ui.Nodes.Add(UiNode.InputField(LookupSecretNodes.Enter, InputType.Text, NodeGroup.LookupSecret, value: "", required: true,
            label: Messages.LoginLookupLabel()));
        context.Ui.Nodes.Add(UiNode.InputField("method", InputType.Submit, NodeGroup.LookupSecret, value: Id, label: Messages.LoginLookup()));
    }

    public async ValueTask<StrategyOutcome> LoginAsync(FlowContext context, CancellationToken ct)
    {
        // Kratos: the method answers only flows that ask for aal2; anything else is another strategy's.
        if (context.Method != Id || context.Flow.RequestedAal != Sessions.Aal.Aal2 || context.Session is not { } session)
        {
            return StrategyOutcome.NotResponsible;
        }

        var ui = context.Ui;
        ui.ResetMessages();
        ui.SetValue(LookupSecretNodes.Enter, JsonValue.Create(""));
        var code = FlowPayload.String(context.Payload, LookupSecretNodes.Enter);
        if (code is null)
        {
            ui.AddMessage(LookupSecretNodes.Enter, Messages.Required(LookupSecretNodes.Enter));
            return StrategyOutcome.Invalid;
        }

        var identity = await identities.GetAsync(session.IdentityId, ct).ConfigureAwait(false);
        if (identity is null || !identity.Credentials.ContainsKey(Id))
        {
            context.Fail(Messages.NoLookup());
            return StrategyOutcome.Invalid;
        }

        if (identity.State != IdentityState.Active)
        {
            context.Fail(Messages.IdentityDisabled());
            return StrategyOutcome.Invalid;
        }

        // Kratos keeps used_at to the second.
        var now = time.GetUtcNow();
        var usedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var spent = await identities.UpdateCredentialConfigAsync(identity.Id, Id, stored => SpendCode(stored, code, usedAt), writer.Now(), ct)
            .ConfigureAwait(false);
        switch (spent)
        {
            case Spend.NoCodes:
                context.Fail(Messages.NoLookup());
                return StrategyOutcome.Invalid;
            case Spend.Unknown:
                context.Fail(Messages.LookupInvalid());
                return StrategyOutcome.Invalid;
            case Spend.AlreadyUsed:
                context.Fail(Messages.LookupAlreadyUsed());
                return StrategyOutcome.Invalid;
        }

        var updated = await identities.GetAsync(identity.Id, ct).ConfigureAwait(false) ?? identity;
        return StrategyOutcome.Succeeded(updated, Id, Sessions.Aal.Aal2);
    }

    /// <summary>
    /// Inside the credential's transaction: finds <paramref name="given"/> among the stored codes, comparing with every
    /// code in constant time so the time taken does not tell how far a guess got, and marks it used.
    /// </summary>
    (JsonObject? Replacement, Spend Result) SpendCode(JsonObject? stored, string given, DateTimeOffset usedAt)
    {
        if (stored is null)
        {
            return (null, Spend.NoCodes);
        }

        var codes = LookupSecretConfig.Read(stored, cipher);
        var givenBytes = Encoding.UTF8.GetBytes(given);
        var match = -1;
        for (var i = 0; i < codes.Count; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(codes[i].Code), givenBytes) && given.Length > 0)
            {
                match = i;
            }
        }

        if (match < 0)
        {
            return (null, Spend.Unknown);
        }

        if (codes[match].Used)
        {
            return (null, Spend.AlreadyUsed);
        }

        codes[match] = codes[match] with { UsedAt = usedAt };
        return (LookupSecretConfig.Write(codes, cipher), Spend.Spent);
    }
}
