using System.Text.Json.Nodes;
using Tessera.Errors;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Schemas;
using Tessera.Sessions;
using Tessera.Strategies;
using Tessera.Text;

namespace Tessera.Flows.Login;

/// <summary>Creates and advances login flows; strategies do the checking, this decides what to answer.</summary>
internal sealed class LoginFlows(
    FlowFactory factory,
    FlowStore store,
    FlowLoader loader,
    FlowResponder responder,
    StrategyCatalog strategies,
    SchemaRegistry schemas,
    SessionAuthenticator authenticator,
    IdentityStore identities,
    LoginCompletion completion,
    StrategyRunner runner,
    FlowOpening opening,
    Security.CredentialRateLimit rateLimit)
{
    public async Task<IResult> InitAsync(HttpContext context, string type)
    {
        var query = context.Request.Query;
        var refresh = string.Equals(query["refresh"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var aal = query["aal"].ToString() is { Length: > 0 } a ? a : "aal1";
        if (aal is not ("aal1" or "aal2"))
        {
            return await responder.ErrorAsync(context, null, ApiErrors.BadRequest($"Unable to parse AuthenticationMethod Assurance Level (AAL): \"{aal}\"")).ConfigureAwait(false);
        }

        var auth = await authenticator.AuthenticateAsync(context, cookieOnly: type == Flow.Browser).ConfigureAwait(false);
        if (aal == "aal2" && !auth.Succeeded)
        {
            return await opening.RefuseAsync(context, type, ApiErrors.SessionAal1Required()).ConfigureAwait(false);
        }

        if (auth.Succeeded && !refresh && !(aal == "aal2" && auth.Session!.AuthenticatorAssuranceLevel != "aal2"))
        {
            if (type == Flow.Browser && !ClientKind.WantsJson(context.Request))
            {
                return FlowResponder.Redirect(303, completion.ReturnUrl(null, context.Request.Query["return_to"].ToString()));
            }

            return await opening.RefuseAsync(context, type, ApiErrors.SessionAlreadyAvailable()).ConfigureAwait(false);
        }

        var flow = factory.Create(context, FlowKind.Login, type, out var error);
        if (flow is null)
        {
            return await opening.RefuseAsync(context, type, error!).ConfigureAwait(false);
        }

        // Kratos: without a session there is nothing to refresh, so the flow is an ordinary login.
        flow.Refresh = refresh && auth.Succeeded;
        flow.RequestedAal = aal;
        var sessionIdentity = auth.Succeeded ? await identities.GetAsync(auth.Session!.IdentityId, context.RequestAborted).ConfigureAwait(false) : null;
        var flowContext = new FlowContext(context, flow, [], schemas.Default) { Session = auth.Session, SessionIdentity = sessionIdentity };
        foreach (var strategy in strategies.Login.Where(s => s.OffersAal(aal)))
        {
            strategy.PopulateLogin(flowContext);
        }

        if (flowContext.Refusal is { } refusal)
        {
            return await opening.RefuseAsync(context, type, refusal).ConfigureAwait(false);
        }

        if (flow.Refresh)
        {
            flow.Ui.Messages.Add(Messages.LoginReAuth());
        }

        // Stepping up: 1010004 asks for the second factor (Kratos adds it whenever the flow asks more than the session has).
        if (auth.Succeeded && aal == Aal.Aal2 && Aal.Rank(auth.Session!.AuthenticatorAssuranceLevel) < 2)
        {
            flow.Ui.Messages.Add(Messages.LoginMfa());
        }

        flow.Ui.Sort(FlowKind.Login);
        var stored = false;
        var answer = await opening.OpenAsync(context, type, flow, beforeStore: () => stored = true).ConfigureAwait(false);
        if (stored)
        {
            foreach (var fast in strategies.Login.OfType<IFastLoginStrategy>().Where(s => s.OffersAal(aal)))
            {
                if (await fast.FastLoginAsync(flowContext, strategies.Login, context.RequestAborted).ConfigureAwait(false))
                {
                    return responder.Created(context, flow);
                }
            }
        }

        return answer;
    }


    public async Task<IResult> SubmitAsync(HttpContext context)
    {
        if (rateLimit.Check(context) is { } limited)
        {
            return limited;
        }

        var (flow, answer) = await loader.LoadForSubmitAsync(context, FlowKind.Login).ConfigureAwait(false);
        if (flow is null)
        {
            return answer!;
        }

        var (payload, payloadError) = await FlowPayload.ReadAsync(context.Request).ConfigureAwait(false);
        if (payload is null)
        {
            return await responder.ErrorAsync(context, flow, payloadError!).ConfigureAwait(false);
        }

        var auth = await authenticator.AuthenticateAsync(context, cookieOnly: !flow.IsApi).ConfigureAwait(false);
        if (auth.Succeeded && !flow.Refresh && !(flow.RequestedAal == "aal2" && auth.Session!.AuthenticatorAssuranceLevel != "aal2"))
        {
            if (!flow.IsApi && !ClientKind.IsJsonRequest(context.Request))
            {
                return FlowResponder.Redirect(303, completion.ReturnUrl(null, null));
            }

            flow.Ui.ResetMessages();
            flow.Ui.Messages.Add(Messages.Generic(ApiErrors.SessionAlreadyAvailable().Reason!));
            await store.UpdateAsync(flow, context.RequestAborted).ConfigureAwait(false);
            return responder.FlowBody(context, flow, 400);
        }

        if (!auth.Succeeded && flow.RequestedAal == "aal2")
        {
            return await responder.ErrorAsync(context, flow, ApiErrors.SessionAal1Required()).ConfigureAwait(false);
        }

        var now = factory.Now();
        if (flow.IsExpired(now))
        {
            var replacement = await ReplaceAsync(context, flow, auth.Session, now).ConfigureAwait(false);
            return responder.Expired(context, flow, replacement, now);
        }

        if (loader.CheckRequest(context, flow, payload) is { } requestError)
        {
            return await responder.ErrorAsync(context, flow, requestError).ConfigureAwait(false);
        }

        var method = FlowPayload.String(payload, "method");
        if (method is not null && strategies.IsDisabled(method))
        {
            return await responder.ErrorAsync(context, flow, ApiErrors.MethodDisabled()).ConfigureAwait(false);
        }

        flow.TransientPayload = payload["transient_payload"] as JsonObject;
        var sessionIdentity = auth.Succeeded ? await identities.GetAsync(auth.Session!.IdentityId, context.RequestAborted).ConfigureAwait(false) : null;
        var flowContext = new FlowContext(context, flow, payload, schemas.Default) { Session = auth.Session, SessionIdentity = sessionIdentity };
        var (success, result) = await runner.RunAsync(flowContext, strategies.Login, s => s.LoginAsync(flowContext, context.RequestAborted),
            Messages.LoginNoStrategyFound()).ConfigureAwait(false);
        return success is null ? result! : await completion.CompleteAsync(flowContext, success, auth).ConfigureAwait(false);
    }

    /// <summary>A new flow like <paramref name="expired"/>; refresh and aal2 flows are populated for the session's identity again.</summary>
    async Task<Flow> ReplaceAsync(HttpContext context, Flow expired, Session? session, DateTime now)
    {
        var flow = factory.Replace(context, expired);
        flow.Refresh = expired.Refresh;
        flow.RequestedAal = expired.RequestedAal;
        var sessionIdentity = session is null ? null : await identities.GetAsync(session.IdentityId, context.RequestAborted).ConfigureAwait(false);
        var flowContext = new FlowContext(context, flow, [], schemas.Default) { Session = session, SessionIdentity = sessionIdentity };
        foreach (var strategy in strategies.Login.Where(s => s.OffersAal(flow.RequestedAal)))
        {
            strategy.PopulateLogin(flowContext);
        }

        flow.Ui.Messages.Add(Messages.LoginFlowExpired(expired.ExpiresAt, now));
        flow.Ui.Sort(FlowKind.Login);
        await store.CreateAsync(flow, context.RequestAborted).ConfigureAwait(false);
        return flow;
    }
}
