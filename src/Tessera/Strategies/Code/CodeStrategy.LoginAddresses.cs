using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Errors;
using Tessera.Flows;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Sessions;
using Tessera.Text;

namespace Tessera.Strategies.Code;

/// <summary>
/// Login flows where the session fixes the identity, so the user picks an address instead of typing one: aal2 (with
/// <c>via</c> to name the trait whose address to use), refresh with <c>feature_flags.refresh_login_choose_address</c>,
/// and the aal2 fast path that sends the code at once when a single address is the identity's only second factor.
/// </summary>
internal sealed partial class CodeStrategy : IFastLoginStrategy
{
    /// <summary><c>feature_flags.refresh_login_choose_address</c>: refresh logins offer the session's addresses, not an identifier input.</summary>
    bool RefreshChoosesAddress => ConfigNode.Bool(config.Root, "feature_flags.refresh_login_choose_address", false);

    /// <summary>One "Send code to …" button per address (label 1010023).</summary>
    static void AddAddressButtons(FlowContext context, IEnumerable<CodeAddress> addresses)
    {
        foreach (var address in addresses)
        {
            context.Ui.Nodes.Add(UiNode.InputField("address", InputType.Submit, NodeGroup.Code, Messages.LoginAal2CodeAddress(address.To, address.Via),
                value: JsonValue.Create(address.To)));
        }
    }

    /// <summary>
    /// The session identity's code addresses for a second factor; with the <c>via</c> query, only the address in that
    /// trait (Kratos's <c>FindCodeAddresses</c>), or null with <see cref="FlowContext.Refusal"/> set when the trait is
    /// empty or is no code address.
    /// </summary>
    List<CodeAddress>? SecondFactorAddresses(FlowContext context, Identity identity)
    {
        var all = CodeAddress.Of(identity, Options.MissingCredentialFallback);
        var via = context.Http.Request.Query["via"].ToString();
        if (via.Length == 0)
        {
            return all;
        }

        if (ConfigNode.String(identity.Traits, via) is not { Length: > 0 } value)
        {
            context.Refusal = ApiErrors.BadRequest($"No value found for trait {via} in the current identity.");
            return null;
        }

        var normalized = IdentifierNormalizer.Normalize(value);
        if (all.FirstOrDefault(a => a.To == normalized) is not { } match)
        {
            context.Refusal = ApiErrors.BadRequest(
                "You can only reference a trait that matches a verification email address in the via parameter, or a registered credential.");
            return null;
        }

        return [match];
    }

    /// <summary>Whether a submission without <c>method</c> but with an <c>address</c> button's value is this method's.</summary>
    bool TakesBareAddress(FlowContext context, bool aal2) =>
        context.Method is null && FlowPayload.String(context.Payload, "address") is { Length: > 0 }
        && (aal2 || (context.Flow.Refresh && RefreshChoosesAddress && context.SessionIdentity is not null));

    /// <summary>
    /// Kratos's <c>FastLogin2FA</c>: a new aal2 flow whose identity has exactly one code address (after <c>via</c>) and no
    /// second factor of another enabled method gets its code at once; the flow is answered in <c>sent_email</c>.
    /// </summary>
    public async ValueTask<bool> FastLoginAsync(FlowContext context, IEnumerable<ILoginStrategy> enabled, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(enabled);
        var flow = context.Flow;
        if (!Mfa || flow.RequestedAal != Aal.Aal2 || flow.State != FlowStates.ChooseMethod || context.SessionIdentity is not { } identity
            || SecondFactorAddresses(context, identity) is not [var only])
        {
            return false;
        }

        if (enabled.Any(s => s.Id != Id && identity.Credentials.TryGetValue(s.Id, out var credential) && writer.Factors.IsSecondFactor(credential)))
        {
            return false;
        }

        var send = new FlowContext(context.Http, flow, new JsonObject { ["method"] = Id, ["address"] = only.To }, context.Schema)
        {
            Session = context.Session,
            SessionIdentity = identity,
        };
        await SendLoginCodeAsync(send, aal2: true, ct).ConfigureAwait(false);
        return flow.State == FlowStates.SentEmail;
    }
}
