using System.Text.Json.Nodes;
using Tessera.Hooks;
using Tessera.Hosting;
using Tessera.Identities;
using Tessera.Sessions;
using Tessera.Strategies;

namespace Tessera.Flows.Registration;

/// <summary>
/// After a new identity was created: the <c>session</c> hook (when configured) logs it in, the verification hook sends
/// a code for the first unverified address (when verification is on) and <c>show_verification_ui</c> points the client
/// there, then the answer for api, SPA and browser clients (API.md §4.5, §12.3, FLOWS.md §1–2, §9.1).
/// </summary>
internal sealed class RegistrationCompletion(FlowOptions options, ReturnTo returnTo, SessionIssuer issuer, Csrf csrf, IAddressVerification verification,
    TimeProvider time)
{
    public Uri ReturnUrl(Flow? flow, string? requested, string? method) =>
        returnTo.AfterFlow(options, FlowKind.Registration, flow, requested, method);

    public async Task<IResult> CompleteAsync(FlowContext context, StrategyOutcome outcome)
    {
        var http = context.Http;
        var flow = context.Flow;
        var identity = outcome.Identity!;
        var hooks = options.AfterHooks(FlowKind.Registration, outcome.Method!);
        IssuedSession? issued = null;
        if (hooks.Contains("session"))
        {
            issued = await issuer.IssueAsync(http, identity, outcome.Method!, outcome.Aal!, http.RequestAborted).ConfigureAwait(false);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var target = ReturnUrl(flow, null, outcome.Method);
        if (!flow.IsApi && issued is not null)
        {
            issuer.AppendCookie(http, issued.Token, issued.Session.ExpiresAt);
            // Before the verification flow is made, so that it belongs to the browser's new CSRF cookie.
            csrf.Regenerate(http);
        }

        var unverified = identity.VerifiableAddresses.Where(a => !a.Verified).ToList();
        var made = unverified.Count > 0
            ? await verification.AddressesChangedAsync(new AddressVerificationContext(http, flow, identity, unverified), http.RequestAborted).ConfigureAwait(false)
            : [];
        var showVerification = hooks.Contains("show_verification_ui");
        var verificationUi = VerificationFlowRef.ContinueWith(made, showVerification, options.LegacyContinueWithVerificationUi).ToList();
        if (!flow.IsApi && !ClientKind.IsJsonRequest(http.Request))
        {
            // show_verification_ui sends a browser to the verification UI instead of the return URL.
            return FlowResponder.Redirect(303, showVerification && ClientKind.IsBrowserRequest(http.Request) && made.Count > 0 && made[0].Url is { } url
                ? url
                : target.ToString());
        }

        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            if (issued is not null)
            {
                if (flow.IsApi)
                {
                    w.WriteString("session_token", issued.Token);
                }

                w.WritePropertyName("session");
                SessionJson.Write(w, issued.Session, now, options.Config.Public.BaseUrl, SessionExpand.All, IdentityView.Public);
            }

            w.WritePropertyName("identity");
            IdentityJson.Write(w, identity, IdentityView.Public, options.Config.Public.BaseUrl);
            // Kratos's order: redirect_browser_to first, then what the hooks added, the session hook's token last.
            var continueWith = new List<JsonObject>();
            if (!flow.IsApi)
            {
                continueWith.Add(new JsonObject { ["action"] = "redirect_browser_to", ["redirect_browser_to"] = target.ToString() });
            }

            continueWith.AddRange(verificationUi);
            if (flow.IsApi && issued is not null)
            {
                continueWith.Add(new JsonObject { ["action"] = "set_ory_session_token", ["ory_session_token"] = issued.Token });
            }

            if (continueWith.Count == 0)
            {
                w.WriteNull("continue_with");
            }
            else
            {
                w.WriteStartArray("continue_with");
                foreach (var item in continueWith)
                {
                    item.WriteTo(w);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        });
    }
}
