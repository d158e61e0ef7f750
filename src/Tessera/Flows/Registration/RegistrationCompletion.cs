using Tessera.Hosting;
using Tessera.Identities;
using Tessera.Sessions;
using Tessera.Strategies;

namespace Tessera.Flows.Registration;

/// <summary>
/// After a new identity was created: the <c>session</c> hook (when configured) logs it in, then the answer for api,
/// SPA and browser clients (API.md §4.5, FLOWS.md §1–2).
/// </summary>
internal sealed class RegistrationCompletion(FlowOptions options, ReturnTo returnTo, SessionIssuer issuer, Csrf csrf, TimeProvider time)
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
        if (!flow.IsApi)
        {
            if (issued is not null)
            {
                issuer.AppendCookie(http, issued.Token, issued.Session.ExpiresAt);
                csrf.Regenerate(http);
            }

            if (!ClientKind.IsJsonRequest(http.Request))
            {
                return FlowResponder.Redirect(303, target);
            }
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
            if (flow.IsApi && issued is null)
            {
                w.WriteNull("continue_with");
            }
            else
            {
                w.WriteStartArray("continue_with");
                if (!flow.IsApi)
                {
                    w.WriteStartObject();
                    w.WriteString("action", "redirect_browser_to");
                    w.WriteString("redirect_browser_to", target.ToString());
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteStartObject();
                    w.WriteString("action", "set_ory_session_token");
                    w.WriteString("ory_session_token", issued!.Token);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        });
    }
}
