using Tessera.Errors;
using Tessera.Hooks;
using Tessera.Hosting;
using Tessera.Identities;
using Tessera.Sessions;
using Tessera.Strategies;

namespace Tessera.Flows.Login;

/// <summary>
/// After a strategy accepted a login: the after-login hooks, the session (a new one, or the same one refreshed or
/// stepped up), and the answer for api, SPA and browser clients (API.md §4.5).
/// </summary>
internal sealed class LoginCompletion(FlowOptions options, ReturnTo returnTo, SessionIssuer issuer, Csrf csrf, FlowHooks hooks, TimeProvider time)
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

        Session session;
        string token;
        var method = new AuthenticationMethod(outcome.Method!, outcome.Aal!, time.GetUtcNow().UtcDateTime);
        if (current.Session is { } existing && existing.IdentityId == identity.Id && current.Token is { } existingToken)
        {
            session = await issuer.AddAuthenticationAsync(http, existing, method, ct).ConfigureAwait(false);
            session.Identity = identity;
            token = existingToken;
        }
        else
        {
            var issued = await issuer.IssueAsync(http, identity, method, ct).ConfigureAwait(false);
            (session, token) = (issued.Session, issued.Token);
        }

        if (hookNames.Contains("revoke_active_sessions"))
        {
            await issuer.RevokeOtherSessionsAsync(identity.Id, session.Id, ct).ConfigureAwait(false);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (flow.IsApi)
        {
            return new JsonResponse(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("session_token", token);
                w.WritePropertyName("session");
                SessionJson.Write(w, session, now, options.Config.Public.BaseUrl, SessionExpand.All, IdentityView.Public);
                w.WriteNull("continue_with");
                w.WriteEndObject();
            });
        }

        issuer.AppendCookie(http, token, session.ExpiresAt);
        if (current.Session?.IdentityId != identity.Id)
        {
            csrf.Regenerate(http);
        }

        var target = ReturnUrl(flow, null, outcome.Method);
        if (!ClientKind.IsJsonRequest(http.Request))
        {
            return FlowResponder.Redirect(303, target);
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
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public Uri ReturnUrl(Flow? flow, string? requested, string? method = null) =>
        returnTo.AfterFlow(options, FlowKind.Login, flow, requested, method);
}
