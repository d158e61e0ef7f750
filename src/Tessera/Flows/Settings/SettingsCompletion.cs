using System.Text.Json.Nodes;
using Tessera.Hooks;
using Tessera.Hooks.WebHooks;
using Tessera.Identities;
using Tessera.Sessions;
using Tessera.Strategies;
using Tessera.Text;

namespace Tessera.Flows.Settings;

/// <summary>
/// After a strategy accepted a change (API.md §5.3, §12.5): the method's interrupting and parsing web hooks may veto or
/// change it, the identity is written (with its credentials and addresses, in one transaction), the flow turns
/// <c>success</c> with a fresh form and message 1050001, the post-persist hooks run, and api, SPA and browser clients get
/// their answer (§4.5).
/// </summary>
internal sealed class SettingsCompletion(
    FlowOptions options,
    FlowStore store,
    FlowResponder responder,
    IdentityWriter writer,
    SessionIssuer issuer,
    SettingsForm form,
    IAddressVerification verification,
    PreviousAddressNotice previousAddresses,
    FlowWebHooks webHooks)
{
    public const string Success = "success";

    public async Task<IResult> CompleteAsync(FlowContext context, StrategyOutcome outcome, SessionAuthentication auth)
    {
        var http = context.Http;
        var flow = context.Flow;
        var session = context.Session!;
        var identity = outcome.Identity!;
        var method = outcome.Method!;
        var ct = http.RequestAborted;
        if (await webHooks.PrePersistAsync(context, method, identity, session).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (await writer.UpdateAsync(identity, ct).ConfigureAwait(false) is { } error)
        {
            if (error.Code != 409)
            {
                return await responder.ErrorAsync(http, flow, error).ConfigureAwait(false);
            }

            // Another identity holds one of the new identifiers or addresses.
            context.Fail(Messages.DuplicateCredentials());
            await store.UpdateAsync(flow, ct).ConfigureAwait(false);
            return responder.Invalid(http, flow);
        }

        // Enrolling a credential proves it: Kratos adds {method, aal} to the session when TOTP, lookup secrets or a key is
        // set up (aal2 for a second factor, so the session reaches aal2 at once; aal1 for a passkey or passwordless key).
        if (outcome.Aal is { } aal)
        {
            await issuer.AddProvenMethodAsync(session, method, aal, ct).ConfigureAwait(false);
        }

        flow.State = Success;
        flow.Identity = identity;
        form.Render(http, flow, identity);
        flow.Ui.AddMessage(Messages.SettingsUpdateSuccess());
        await store.UpdateAsync(flow, ct).ConfigureAwait(false);

        // Post-persist hooks in Kratos's order: the implicit verification step first (for every address still pending,
        // a new or changed one among them), then the configured hooks.
        var hooks = options.AfterHooks(FlowKind.Settings, method);
        var pending = identity.VerifiableAddresses.Where(a => a.Status == VerifiableAddressStatus.Pending).ToList();
        if (pending.Count > 0)
        {
            var made = await verification.AddressesChangedAsync(new AddressVerificationContext(http, flow, identity, pending), ct).ConfigureAwait(false);
            flow.ContinueWith.AddRange(VerificationFlowRef.ContinueWith(made, hooks.Contains("show_verification_ui"), options.LegacyContinueWithVerificationUi));
        }

        var (failed, _) = await webHooks.AfterAsync(context, webHooks.Catalog.PostPersist(FlowKind.Settings, method), identity, session, ct)
            .ConfigureAwait(false);
        if (failed is not null)
        {
            return failed;
        }

        if (hooks.Contains("revoke_active_sessions"))
        {
            await issuer.RevokeOtherSessionsAsync(identity.Id, session.Id, ct).ConfigureAwait(false);
        }

        if (hooks.Contains(PreviousAddressNotice.Hook) && context.SessionIdentity is { } previous)
        {
            await previousAddresses.NotifyAsync(flow, method, previous, identity, ct).ConfigureAwait(false);
        }

        if (flow.IsApi)
        {
            return responder.FlowBody(http, flow, 200);
        }

        if (auth.Source == SessionSource.Cookie && auth.Token is { } token)
        {
            issuer.AppendCookie(http, token, session.ExpiresAt);
        }

        var target = ReturnUrl(flow, method);
        if (!ClientKind.IsJsonRequest(http.Request))
        {
            return FlowResponder.Redirect(303, target);
        }

        flow.ContinueWith.Add(new JsonObject { ["action"] = "redirect_browser_to", ["redirect_browser_to"] = target.ToString() });
        return responder.FlowBody(http, flow, 200);
    }

    /// <summary>
    /// The flow's return_to, else <c>after.&lt;method&gt;.default_browser_return_url</c>, else <c>after.default_browser_return_url</c>,
    /// else back to the settings UI with this flow (settings does not fall back to the global default).
    /// </summary>
    Uri ReturnUrl(Flow flow, string method) =>
        (flow.ReturnTo is { } stored && Uri.TryCreate(stored, UriKind.Absolute, out var uri) ? uri : null)
        ?? options.FlowReturnUrl(FlowKind.Settings, method)
        ?? responder.UiUrl(flow);
}
