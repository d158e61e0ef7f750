using System.Text.Json.Nodes;
using Tessera.Errors;
using Tessera.Flows.Settings;
using Tessera.Hooks.WebHooks;
using Tessera.Sessions;
using Tessera.Strategies;
using Tessera.Strategies.Link;

namespace Tessera.Flows.Recovery;

/// <summary>
/// After a strategy matched a code or link (API.md §5.4, FLOWS.md §8): the flow is done (<c>passed_challenge</c>), a
/// session is issued (AMR <c>code_recovery</c> or <c>link_recovery</c>, aal1, so privileged for settings) once the web hooks
/// passed, <c>revoke_active_sessions</c> runs, and a settings flow is made for the user to set a new password.
/// </summary>
internal sealed class RecoveryCompletion(
    FlowOptions options,
    FlowStore store,
    FlowResponder responder,
    ReturnTo returnTo,
    SessionIssuer issuer,
    SettingsFlows settings,
    Csrf csrf,
    FlowWebHooks webHooks,
    TimeProvider time)
{
    public async Task<IResult> CompleteAsync(FlowContext context, StrategyOutcome outcome)
    {
        var http = context.Http;
        var flow = context.Flow;
        var identity = outcome.Identity!;
        var method = outcome.Method!;
        var ct = http.RequestAborted;
        // A link is opened in a browser whatever flow sent it, and Kratos always answers it as one.
        var link = method == LinkStrategy.RecoveryMethod;
        var browser = !flow.IsApi || link;

        flow.State = FlowStates.PassedChallenge;
        flow.Ui.ResetMessages();
        if (browser)
        {
            flow.CsrfFingerprint = Csrf.Fingerprint(csrf.Regenerate(http));
        }

        await store.UpdateAsync(flow, ct).ConfigureAwait(false);

        // Kratos runs the recovery web hooks before the session is written: a refusal or failure leaves none.
        if ((await webHooks.AfterAsync(context, webHooks.Catalog.After(FlowKind.Recovery, flow.Active), identity, null, ct).ConfigureAwait(false)).Refused
            is { } refused)
        {
            return refused;
        }

        var issued = await issuer.IssueAsync(http, identity, new AuthenticationMethod(method, outcome.Aal ?? "aal1", time.GetUtcNow().UtcDateTime), ct)
            .ConfigureAwait(false);
        if (options.AfterHooks(FlowKind.Recovery, flow.Active ?? "").Contains("revoke_active_sessions"))
        {
            await issuer.RevokeOtherSessionsAsync(identity.Id, issued.Session.Id, ct).ConfigureAwait(false);
        }

        if (browser)
        {
            issuer.AppendCookie(http, issued.Token, issued.Session.ExpiresAt);
        }
        else
        {
            flow.ContinueWith.Add(new JsonObject { ["action"] = "set_ory_session_token", ["ory_session_token"] = issued.Token });
        }

        var json = ClientKind.IsJsonRequest(http.Request);
        if (SkipSettings(flow))
        {
            return browser && !json
                ? FlowResponder.Redirect(303, returnTo.AfterFlow(options, FlowKind.Recovery, flow, null, null))
                : responder.FlowBody(http, flow, 200);
        }

        // The settings flow returns where the recovery was asked to, else to recovery's after.default_browser_return_url.
        var settingsFlow = await settings.CreateAfterRecoveryAsync(http, identity, browser ? Flow.Browser : Flow.Api,
            flow.ReturnTo ?? options.FlowReturnUrl(FlowKind.Recovery, null)?.AbsoluteUri, ct).ConfigureAwait(false);
        var settingsUrl = responder.UiUrl(settingsFlow);
        if (link || !json && !flow.IsApi)
        {
            return FlowResponder.Redirect(303, settingsUrl);
        }

        if (options.UseContinueWithTransitions)
        {
            flow.ContinueWith.Add(new JsonObject
            {
                ["action"] = "show_settings_ui",
                ["flow"] = new JsonObject { ["id"] = settingsFlow.Id.ToString(), ["url"] = settingsUrl.AbsoluteUri },
            });
            return responder.FlowBody(http, flow, 200);
        }

        // Kratos's legacy answer: JSON clients are told to send the browser to the settings UI (an api client so gets no token).
        return json
            ? new ApiErrorResult(ApiErrors.BrowserLocationChangeRequired(settingsUrl.AbsoluteUri)) { RedirectBrowserTo = settingsUrl.AbsoluteUri }
            : FlowResponder.Redirect(303, settingsUrl);
    }

    /// <summary><c>skip_settings=true</c> on the request that made the flow: no settings flow, the browser goes to the return URL.</summary>
    static bool SkipSettings(Flow flow) =>
        Uri.TryCreate(flow.RequestUrl, UriKind.Absolute, out var url)
        && Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Query).TryGetValue("skip_settings", out var value)
        && bool.TryParse(value.ToString(), out var skip) && skip;
}
