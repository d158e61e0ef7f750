using Tessera.Errors;
using Tessera.Hooks;
using Tessera.Hooks.WebHooks;
using Tessera.Hosting;
using Tessera.Identities;
using Tessera.Sessions;
using Tessera.Strategies;

namespace Tessera.Flows.Login;

/// <summary>
/// After a strategy accepted a login (API.md §4.5, §12.4): <c>require_verified_address</c>, the web hooks (which see the
/// session before it is written), the session (a new one, or the same one refreshed or stepped up),
/// <c>revoke_active_sessions</c>, and the answer for api, SPA and browser clients.
/// </summary>
internal sealed class LoginCompletion(FlowOptions options, ReturnTo returnTo, SessionIssuer issuer, Csrf csrf, FlowHooks hooks, FlowWebHooks webHooks,
    IAddressVerification verification, SessionAalPolicy aalPolicy, CredentialFactors factors, TimeProvider time)
{
    public async Task<IResult> CompleteAsync(FlowContext context, StrategyOutcome outcome, SessionAuthentication current)
    {
        var http = context.Http;
        var flow = context.Flow;
        var identity = outcome.Identity!;
        var ct = http.RequestAborted;
        var hookNames = options.AfterHooks(FlowKind.Login, outcome.Method!);
        if (await hooks.BeforeSessionAsync(context, identity, hookNames).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        // Web hooks run before the session is written, so that a refusal or failure leaves none behind (as in Kratos).
        var afterHooks = webHooks.Catalog.After(FlowKind.Login, outcome.Method);
        Session session;
        string token;
        var method = new AuthenticationMethod(outcome.Method!, outcome.Aal!, time.GetUtcNow().UtcDateTime);
        if (current.Session is { } existing && existing.IdentityId == identity.Id && current.Token is { } existingToken)
        {
            // A refresh or step-up: the hooks see the session as it stands, before this login's method is added.
            existing.Identity = identity;
            if ((await webHooks.AfterAsync(context, afterHooks, identity, existing, ct).ConfigureAwait(false)).Refused is { } refusedRefresh)
            {
                return refusedRefresh;
            }

            session = await issuer.AddAuthenticationAsync(http, existing, method, ct).ConfigureAwait(false);
            session.Identity = identity;
            token = existingToken;
        }
        else
        {
            var issued = issuer.Start(http, identity, method);
            if ((await webHooks.AfterAsync(context, afterHooks, identity, issued.Session, ct).ConfigureAwait(false)).Refused is { } refusedLogin)
            {
                return refusedLogin;
            }

            await issuer.StoreAsync(issued, ct).ConfigureAwait(false);
            (session, token) = (issued.Session, issued.Token);
        }

        if (hookNames.Contains("revoke_active_sessions"))
        {
            await issuer.RevokeOtherSessionsAsync(identity.Id, session.Id, ct).ConfigureAwait(false);
        }

        if (!flow.IsApi)
        {
            issuer.AppendCookie(http, token, session.ExpiresAt);
            if (current.Session?.IdentityId != identity.Id)
            {
                // Before a verification flow is made, so that it belongs to the browser's new CSRF cookie.
                csrf.Regenerate(http);
            }
        }

        // The verification hook, when configured for login (Kratos runs it for aal1 logins only): a verification flow
        // and a code or link for the first unverified address; show_verification_ui points the client there.
        var unverified = hookNames.Contains("verification") ? identity.VerifiableAddresses.Where(a => !a.Verified).ToList() : [];
        var made = unverified.Count > 0 && outcome.Aal == "aal1"
            ? await verification.AddressesChangedAsync(new AddressVerificationContext(http, flow, identity, unverified), ct).ConfigureAwait(false)
            : [];
        var showVerification = hookNames.Contains("show_verification_ui");

        // API.md §5.1: a first factor is not enough when whoami would ask for more (highest_available and a second
        // factor set up): the client is sent to the aal2 login, and an API client gets its token but not the identity.
        session.IdentityAvailableAal = identity.AvailableAal ?? factors.AvailableAal(identity);
        var stepUp = aalPolicy.Satisfies(session) ? null : aalPolicy.StepUpUrl(flow.RequestUrl);
        var verificationUi = VerificationFlowRef.ContinueWith(made, showVerification, options.LegacyContinueWithVerificationUi).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        if (flow.IsApi)
        {
            return new JsonResponse(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("session_token", token);
                w.WritePropertyName("session");
                SessionJson.Write(w, session, now, options.Config.Public.BaseUrl,
                    stepUp is null ? SessionExpand.All : SessionExpand.Devices | SessionExpand.WithheldIdentity, IdentityView.Public);
                if (verificationUi.Count == 0)
                {
                    w.WriteNull("continue_with");
                }
                else
                {
                    w.WritePropertyName("continue_with");
                    new System.Text.Json.Nodes.JsonArray([.. verificationUi]).WriteTo(w);
                }

                w.WriteEndObject();
            });
        }

        if (stepUp is not null)
        {
            return ClientKind.IsJsonRequest(http.Request)
                ? new ApiErrorResult(ApiErrors.BrowserLocationChangeRequired(stepUp)) { RedirectBrowserTo = stepUp }
                : FlowResponder.Redirect(303, new Uri(stepUp));
        }

        var target = ReturnUrl(flow, null, outcome.Method);
        if (!ClientKind.IsJsonRequest(http.Request))
        {
            // show_verification_ui sends a browser to the verification UI instead of the return URL.
            return FlowResponder.Redirect(303, showVerification && ClientKind.IsBrowserRequest(http.Request) && made.Count > 0 && made[0].Url is { } url
                ? new Uri(url)
                : target);
        }

        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("session");
            SessionJson.Write(w, session, now, options.Config.Public.BaseUrl, SessionExpand.All, IdentityView.Public);
            w.WriteStartArray("continue_with");
            w.WriteStartObject();
            w.WriteString("action", "redirect_browser_to");
            w.WriteString("redirect_browser_to", target.ToString());
            w.WriteEndObject();
            foreach (var entry in verificationUi)
            {
                entry.WriteTo(w);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public Uri ReturnUrl(Flow? flow, string? requested, string? method = null) =>
        returnTo.AfterFlow(options, FlowKind.Login, flow, requested, method);
}
