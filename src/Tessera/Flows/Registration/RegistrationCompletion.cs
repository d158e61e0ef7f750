using System.Text.Json.Nodes;
using Tessera.Hooks;
using Tessera.Hooks.WebHooks;
using Tessera.Hosting;
using Tessera.Identities;
using Tessera.Sessions;
using Tessera.Strategies;
using Tessera.Text;

namespace Tessera.Flows.Registration;

/// <summary>
/// After a strategy made a new identity (API.md §4.5, §12.3, FLOWS.md §1–2, §9.1): the method's interrupting and parsing
/// web hooks may veto or change it; it is written (a duplicate puts 4000007 on the flow); the <c>session</c> hook (when
/// configured) logs it in, the verification hook sends a code for the first unverified address (when verification is on),
/// the other web hooks run, and <c>show_verification_ui</c> points the client to verification; then the answer for api,
/// SPA and browser clients.
/// </summary>
internal sealed class RegistrationCompletion(FlowOptions options, ReturnTo returnTo, SessionIssuer issuer, Csrf csrf, IAddressVerification verification,
    FlowWebHooks webHooks, IdentityWriter writer, FlowStore store, FlowResponder responder, TimeProvider time)
{
    public Uri ReturnUrl(Flow? flow, string? requested, string? method) =>
        returnTo.AfterFlow(options, FlowKind.Registration, flow, requested, method);

    public async Task<IResult> CompleteAsync(FlowContext context, StrategyOutcome outcome)
    {
        var http = context.Http;
        var flow = context.Flow;
        var identity = outcome.Identity!;
        var method = outcome.Method!;
        if (await webHooks.PrePersistAsync(context, method, identity, null).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (await writer.CreateAsync(identity, http.RequestAborted).ConfigureAwait(false) is { } createError)
        {
            if (createError.Code != 409)
            {
                return await responder.ErrorAsync(http, flow, createError).ConfigureAwait(false);
            }

            // A duplicate identifier or address: the traits were valid.
            context.Fail(Messages.DuplicateCredentials());
            await store.UpdateAsync(flow, http.RequestAborted).ConfigureAwait(false);
            return responder.Invalid(http, flow);
        }

        var hooks = options.AfterHooks(FlowKind.Registration, method);
        IssuedSession? issued = null;
        if (hooks.Contains("session"))
        {
            issued = await issuer.IssueAsync(http, identity, method, outcome.Aal!, http.RequestAborted).ConfigureAwait(false);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var target = ReturnUrl(flow, null, method);
        if (!flow.IsApi && issued is not null)
        {
            // Before the verification flow is made, so that it belongs to the browser's new CSRF cookie.
            csrf.Regenerate(http);
        }

        var unverified = identity.VerifiableAddresses.Where(a => !a.Verified).ToList();
        var made = unverified.Count > 0
            ? await verification.AddressesChangedAsync(new AddressVerificationContext(http, flow, identity, unverified), http.RequestAborted).ConfigureAwait(false)
            : [];

        // The identity is written: like Kratos, these hooks run even when the client has gone, and a failing one is
        // answered without the session cookie (the session hook comes last).
        var (failed, _) = await webHooks.AfterAsync(context, webHooks.Catalog.PostPersist(FlowKind.Registration, method), identity, null,
            CancellationToken.None).ConfigureAwait(false);
        if (failed is not null)
        {
            return failed;
        }

        if (!flow.IsApi && issued is not null)
        {
            issuer.AppendCookie(http, issued.Token, issued.Session.ExpiresAt);
        }

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
