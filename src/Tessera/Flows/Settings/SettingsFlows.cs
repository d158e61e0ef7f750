using System.Text.Json.Nodes;
using Tessera.Errors;
using Tessera.Identities;
using Tessera.Sessions;
using Tessera.Strategies;
using Tessera.Text;

namespace Tessera.Flows.Settings;

/// <summary>
/// Creates, shows and advances settings flows. Every call needs a session, and a flow only ever serves the identity it
/// was made for; strategies decide a change, <see cref="SettingsCompletion"/> stores it and answers.
/// </summary>
internal sealed class SettingsFlows(
    FlowFactory factory,
    FlowStore store,
    FlowLoader loader,
    FlowResponder responder,
    FlowOptions options,
    StrategyCatalog strategies,
    SessionAuthenticator authenticator,
    IdentityStore identities,
    SettingsForm form,
    SettingsContinuity continuity,
    SettingsCompletion completion,
    StrategyRunner runner,
    FlowOpening opening,
    TimeProvider time)
{
    public const string ShowForm = "show_form";

    Uri PublicBaseUrl => options.Config.Public.BaseUrl;

    public async Task<IResult> InitAsync(HttpContext context, string type)
    {
        var ct = context.RequestAborted;
        var auth = await authenticator.AuthenticateAsync(context, cookieOnly: type == Flow.Browser).ConfigureAwait(false);
        var identity = auth.Succeeded ? await identities.GetAsync(auth.Session!.IdentityId, ct).ConfigureAwait(false) : null;
        if (identity is null)
        {
            if (type == Flow.Api)
            {
                return new ApiErrorResult(SessionErrors.SessionInactive()
                    .WithReason("This endpoint can only be accessed with a valid session. Please log in and try again."));
            }

            if (ClientKind.IsJsonRequest(context.Request))
            {
                return new ApiErrorResult(SessionErrors.SessionInactive());
            }

            // Kratos sends the browser to the login flow and hands this request's return_to over to it.
            var login = new Uri(PublicBaseUrl, "self-service/login/browser");
            var requested = context.Request.Query["return_to"].ToString();
            return FlowResponder.Redirect(303, requested.Length == 0 ? login.AbsoluteUri : login.AbsoluteUri + "?return_to=" + Uri.EscapeDataString(requested));
        }

        var session = auth.Session!;
        if (!SessionAalPolicy.Satisfies(session, options.SettingsRequiredAal))
        {
            var returnTo = type == Flow.Browser && context.Request.Query["return_to"].Count > 0 ? FlowFactory.RequestUrl(context.Request) : null;
            var refused = SessionErrors.Aal2Required(PublicBaseUrl, returnTo);
            return type == Flow.Api || ClientKind.IsJsonRequest(context.Request)
                ? refused
                : FlowResponder.Redirect(303, refused.RedirectBrowserTo!);
        }

        var flow = factory.Create(context, FlowKind.Settings, type, out var error);
        if (flow is null)
        {
            return await opening.RefuseAsync(context, type, error!).ConfigureAwait(false);
        }

        Prepare(context, flow, identity);
        session.Identity ??= identity;
        return await opening.OpenAsync(context, type, flow, session, beforeStore: type == Flow.Browser ? () => continuity.Abort(context) : null)
            .ConfigureAwait(false);
    }

    /// <summary><c>GET /self-service/settings/flows?id=</c>: the session's own flow, else 401/403/404/410.</summary>
    public async Task<IResult> GetAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var auth = await authenticator.AuthenticateAsync(context).ConfigureAwait(false);
        if (!auth.Succeeded)
        {
            return Unauthenticated(context);
        }

        if (!Guid.TryParse(context.Request.Query["id"].ToString(), out var id))
        {
            return new ApiErrorResult(ApiErrors.FlowIdMissing());
        }

        var flow = await store.GetAsync(FlowKind.Settings, id, ct).ConfigureAwait(false);
        if (flow is null)
        {
            return new ApiErrorResult(ApiErrors.NotFound("The settings flow could not be found."));
        }

        var session = auth.Session!;
        if (flow.IdentityId != session.IdentityId)
        {
            return new ApiErrorResult(ApiErrors.IdentityMismatch("The request was made for another identity and has been blocked for security reasons."));
        }

        if (!SessionAalPolicy.Satisfies(session, options.SettingsRequiredAal))
        {
            return SessionErrors.Aal2Required(PublicBaseUrl, responder.UiUrl(flow).AbsoluteUri);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (flow.IsExpired(now))
        {
            var details = new JsonObject();
            string reason;
            if (flow.IsApi)
            {
                details["api"] = new Uri(PublicBaseUrl, "self-service/settings/api").AbsoluteUri;
                reason = "The settings flow has expired. Call the settings flow init API endpoint to initialize a new settings flow.";
            }
            else
            {
                var restart = new Uri(PublicBaseUrl, "self-service/settings/browser");
                details["redirect_to"] = (flow.ReturnTo is null ? restart : FlowResponder.WithQuery(restart, "return_to", flow.ReturnTo)).AbsoluteUri;
                details["return_to"] = flow.ReturnTo ?? "";
                reason = "The settings flow has expired. Redirect the user to the settings flow init endpoint to initialize a new settings flow.";
            }

            return new ApiErrorResult(ApiErrors.FlowExpiredGeneric(details, now - flow.ExpiresAt).WithReason(reason));
        }

        flow.Identity = await identities.GetAsync(session.IdentityId, ct).ConfigureAwait(false);
        return responder.FlowBody(context, flow, 200);
    }

    public async Task<IResult> SubmitAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var auth = await authenticator.AuthenticateAsync(context).ConfigureAwait(false);
        var identity = auth.Succeeded ? await identities.GetAsync(auth.Session!.IdentityId, ct).ConfigureAwait(false) : null;
        if (identity is null)
        {
            return Unauthenticated(context);
        }

        var (flow, answer) = await loader.LoadForSubmitAsync(context, FlowKind.Settings).ConfigureAwait(false);
        if (flow is null)
        {
            return answer!;
        }

        var session = auth.Session!;
        var json = flow.IsApi || ClientKind.IsJsonRequest(context.Request);
        if (!SessionAalPolicy.Satisfies(session, options.SettingsRequiredAal))
        {
            var refused = SessionErrors.Aal2Required(PublicBaseUrl, FlowFactory.RequestUrl(context.Request));
            return json ? refused : FlowResponder.Redirect(303, refused.RedirectBrowserTo!);
        }

        var now = factory.Now();
        if (flow.IsExpired(now))
        {
            var replacement = factory.Replace(context, flow);
            Prepare(context, replacement, identity);
            replacement.Ui.Messages.Add(Messages.SettingsFlowExpired(flow.ExpiresAt, now));
            await store.CreateAsync(replacement, ct).ConfigureAwait(false);
            return responder.Expired(context, flow, replacement, now);
        }

        if (flow.IdentityId != identity.Id)
        {
            return await responder.ErrorAsync(context, flow, ApiErrors.IdentityMismatch(
                "The request was initiated by someone else and has been blocked for security reasons. Please go back and try again.")).ConfigureAwait(false);
        }

        flow.Identity = identity;
        // A browser back from the refreshing login brings the change it parked (GET, no body).
        var payload = !json && HttpMethods.IsGet(context.Request.Method) ? continuity.Resume(context, flow, identity.Id) : null;
        if (payload is null)
        {
            (payload, var payloadError) = await FlowPayload.ReadAsync(context.Request).ConfigureAwait(false);
            if (payload is null)
            {
                return await responder.ErrorAsync(context, flow, payloadError!).ConfigureAwait(false);
            }
        }

        var method = FlowPayload.String(payload, "method");
        if (method is not null && strategies.IsDisabled(method))
        {
            return await responder.ErrorAsync(context, flow, ApiErrors.MethodDisabled()).ConfigureAwait(false);
        }

        // As in Kratos, the strategy that takes the method checks CSRF (browser) or the absence of browser headers
        // (api); a submission that no strategy takes is answered with 4010004 only.
        if (method is not null && strategies.Settings.Any(s => s.Id == method) && loader.CheckRequest(context, flow, payload) is { } requestError)
        {
            return await responder.ErrorAsync(context, flow, requestError).ConfigureAwait(false);
        }

        flow.TransientPayload = payload["transient_payload"] as JsonObject;
        var flowContext = new FlowContext(context, flow, payload, form.SchemaOf(identity))
        {
            Session = session,
            SessionIdentity = identity,
            PrivilegedSession = session.AuthenticatedAt + options.SettingsPrivilegedSessionMaxAge > time.GetUtcNow().UtcDateTime,
        };
        var (outcome, result) = await runner.RunAsync(flowContext, strategies.Settings, s => s.UpdateSettingsAsync(flowContext, ct),
            Messages.SettingsNoStrategyFound()).ConfigureAwait(false);
        if (outcome is null)
        {
            return result!;
        }

        return outcome.Kind == OutcomeKind.RefreshRequired
            ? RefreshRequired(context, flow, identity, payload, json)
            : await completion.CompleteAsync(flowContext, outcome, auth).ConfigureAwait(false);
    }

    /// <summary>
    /// After a recovery: a settings flow for the recovered identity, whose 1060001 message says how long the new
    /// (privileged) session may change the password without logging in again.
    /// </summary>
    public async Task<Flow> CreateAfterRecoveryAsync(HttpContext context, Identity identity, string type, string? returnTo, CancellationToken ct)
    {
        var flow = factory.Start(context, FlowKind.Settings, type, returnTo);
        Prepare(context, flow, identity);
        var now = time.GetUtcNow();
        flow.Ui.Messages.Add(Messages.RecoverySuccessful(now + options.SettingsPrivilegedSessionMaxAge, now));
        await store.CreateAsync(flow, ct).ConfigureAwait(false);
        return flow;
    }

    /// <summary>A new flow's state, owner and form.</summary>
    void Prepare(HttpContext context, Flow flow, Identity identity)
    {
        flow.State = ShowForm;
        flow.IdentityId = identity.Id;
        flow.Identity = identity;
        form.Render(context, flow, identity);
    }

    /// <summary>
    /// The change needs a recent login: a login flow with <c>refresh=true</c> that returns to this flow. JSON clients
    /// and api flows get the 403 with <c>redirect_browser_to</c>; a browser is sent there with its payload parked.
    /// </summary>
    IResult RefreshRequired(HttpContext context, Flow flow, Identity identity, JsonObject payload, bool json)
    {
        var back = new Uri(PublicBaseUrl, "self-service/settings").AbsoluteUri + "?flow=" + flow.Id;
        var login = new Uri(PublicBaseUrl, "self-service/login/browser").AbsoluteUri + "?refresh=true&return_to=" + Uri.EscapeDataString(back);
        if (json)
        {
            return new ApiErrorResult(ApiErrors.SessionRefreshRequired()) { RedirectBrowserTo = login };
        }

        continuity.Park(context, flow, identity.Id, payload);
        return FlowResponder.Redirect(303, login);
    }

    /// <summary>Get and submit without a session: JSON clients get 401, browsers go to the login UI (Kratos answers 302 here).</summary>
    IResult Unauthenticated(HttpContext context) =>
        ClientKind.IsJsonRequest(context.Request)
            ? new ApiErrorResult(SessionErrors.SessionCredentialsMissing())
            : FlowResponder.Redirect(302, options.UiUrl(FlowKind.Login));
}
