using System.Text.Json.Nodes;
using Tessera.Errors;
using Tessera.Schemas;
using Tessera.Sessions;
using Tessera.Strategies;
using Tessera.Text;

namespace Tessera.Flows.Recovery;

/// <summary>
/// Creates, shows and advances recovery flows (API.md §5.4). The method of a flow is fixed at creation
/// (<c>selfservice.flows.recovery.use</c>); its strategy sends the code or link and checks what comes back, and
/// <see cref="RecoveryCompletion"/> logs the user in once one matched.
/// </summary>
internal sealed class RecoveryFlows(
    FlowFactory factory,
    FlowStore store,
    FlowLoader loader,
    FlowResponder responder,
    FlowOptions options,
    StrategyCatalog strategies,
    SchemaRegistry schemas,
    SessionAuthenticator authenticator,
    RecoveryCompletion completion,
    ReturnTo returnTo,
    Csrf csrf,
    FlowOpening opening)
{
    static readonly ApiError Disabled = ApiErrors.BadRequest("Recovery is not allowed because it was disabled.");

    static ApiError AlreadyLoggedIn => ApiErrors.SessionAlreadyAvailable().WithReason("A valid session was detected and thus recovery is not possible.");

    /// <summary>The method new flows use, when it is switched on.</summary>
    IRecoveryStrategy? Primary => strategies.Recovery.FirstOrDefault(s => s.Id == options.Use(FlowKind.Recovery));

    ApiError UnknownMethod =>
        ApiErrors.BadRequest($"You attempted recovery using {options.Use(FlowKind.Recovery)}, which is not enabled or does not exist. An administrator needs to enable this recovery method.");

    public async Task<IResult> InitAsync(HttpContext context, string type)
    {
        if (!options.RecoveryEnabled)
        {
            return await opening.RefuseAsync(context, type, Disabled).ConfigureAwait(false);
        }

        var auth = await authenticator.AuthenticateAsync(context, cookieOnly: type == Flow.Browser).ConfigureAwait(false);
        if (auth.Succeeded)
        {
            return LoggedIn(context, type == Flow.Api);
        }

        if (Primary is not { } primary)
        {
            return await opening.RefuseAsync(context, type, UnknownMethod).ConfigureAwait(false);
        }

        var flow = factory.Create(context, FlowKind.Recovery, type, out var error);
        if (flow is null)
        {
            return await opening.RefuseAsync(context, type, error!).ConfigureAwait(false);
        }

        Prepare(context, flow, primary);
        return await opening.OpenAsync(context, type, flow).ConfigureAwait(false);
    }

    public async Task<IResult> GetAsync(HttpContext context) =>
        options.RecoveryEnabled
            ? await loader.GetAsync(context, FlowKind.Recovery).ConfigureAwait(false)
            : await responder.ErrorAsync(context, null, Disabled).ConfigureAwait(false);

    public async Task<IResult> SubmitAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var (flow, answer) = await loader.LoadForSubmitAsync(context, FlowKind.Recovery).ConfigureAwait(false);
        if (flow is null)
        {
            return answer!;
        }

        var now = factory.Now();
        if (flow.IsExpired(now))
        {
            return await ExpiredAsync(context, flow, now).ConfigureAwait(false);
        }

        var (payload, payloadError) = await FlowPayload.ReadAsync(context.Request).ConfigureAwait(false);
        if (payload is null)
        {
            return await responder.ErrorAsync(context, flow, payloadError!).ConfigureAwait(false);
        }

        // A link opened from an e-mail carries no CSRF token (and may open in another browser); every other submission does.
        var token = FlowPayload.String(payload, "token");
        if (token is null && loader.CheckRequest(context, flow, payload) is { } requestError)
        {
            return await responder.ErrorAsync(context, flow, requestError).ConfigureAwait(false);
        }

        // Someone logged in may not ask for a code or link, but one sent earlier may still be used.
        var usesSecret = token is not null || (flow.State != FlowStates.ChooseMethod && payload["email"] is null);
        if (!usesSecret && (await authenticator.AuthenticateAsync(context, cookieOnly: !flow.IsApi).ConfigureAwait(false)).Succeeded)
        {
            return LoggedIn(context, flow.IsApi);
        }

        if (payload["transient_payload"] is JsonObject transient)
        {
            flow.TransientPayload = transient;
        }

        var flowContext = new FlowContext(context, flow, payload, schemas.Default);
        foreach (var strategy in strategies.Recovery)
        {
            var outcome = await strategy.RecoverAsync(flowContext, ct).ConfigureAwait(false);
            switch (outcome.Kind)
            {
                case OutcomeKind.NotResponsible:
                    continue;
                case OutcomeKind.Advanced:
                    return !flow.IsApi && !ClientKind.IsJsonRequest(context.Request)
                        ? FlowResponder.Redirect(303, responder.UiUrl(flow))
                        : responder.FlowBody(context, flow, 200);
                case OutcomeKind.Invalid:
                    flow.Active = strategy.Id;
                    await store.UpdateAsync(flow, ct).ConfigureAwait(false);
                    return responder.Invalid(context, flow);
                case OutcomeKind.Restart:
                    return await RestartAsync(context, flow, outcome).ConfigureAwait(false);
                case OutcomeKind.Succeeded:
                    return await completion.CompleteAsync(flowContext, outcome).ConfigureAwait(false);
                default:
                    return await responder.ErrorAsync(context, flow, outcome.Error ?? ApiErrors.Internal()).ConfigureAwait(false);
            }
        }

        flowContext.Fail(Messages.RecoveryNoStrategyFound());
        await store.UpdateAsync(flow, ct).ConfigureAwait(false);
        return responder.Invalid(context, flow);
    }

    /// <summary>A new flow's method and first screen: the configured method, else (it was switched off since) the old flow's or the first one on.</summary>
    void Prepare(HttpContext context, Flow flow, IRecoveryStrategy strategy)
    {
        flow.Active = strategy.Id;
        strategy.PopulateRecovery(new FlowContext(context, flow, [], schemas.Default));
    }

    IRecoveryStrategy? StrategyFor(Flow old) =>
        Primary ?? strategies.Recovery.FirstOrDefault(s => s.Id == old.Active) ?? strategies.Recovery.FirstOrDefault();

    /// <summary>
    /// A submission to an expired flow: a new flow carries 4060005 (a link flow becomes a browser flow, as the link is
    /// opened in one). Kratos's answers: with continue-with transitions, api flows get the 410 with <c>use_flow_id</c>
    /// and <c>details.continue_with</c>; otherwise api flows and JSON requests are redirected to the new flow's JSON.
    /// </summary>
    async Task<IResult> ExpiredAsync(HttpContext context, Flow expired, DateTime now)
    {
        if (StrategyFor(expired) is not { } strategy)
        {
            return await responder.ErrorAsync(context, expired, UnknownMethod).ConfigureAwait(false);
        }

        var replacement = factory.Replace(context, expired, expired.IsApi && expired.Active == Strategies.Link.LinkStrategy.Method ? Flow.Browser : null);
        Prepare(context, replacement, strategy);
        replacement.Ui.Messages.Add(Messages.RecoveryFlowExpired(expired.ExpiresAt, now));
        await store.CreateAsync(replacement, context.RequestAborted).ConfigureAwait(false);
        var json = ClientKind.IsJsonRequest(context.Request);
        if (options.UseContinueWithTransitions && replacement.IsApi)
        {
            return responder.Expired(context, expired, replacement, now, new JsonObject { ["continue_with"] = new JsonArray(ShowRecoveryUi(replacement)) });
        }

        return FlowResponder.Redirect(303, replacement.IsApi || json ? responder.FlowUrl(replacement) : responder.UiUrl(replacement));
    }

    /// <summary>
    /// This flow cannot go on: a new one carries the strategy's message. Form posts go to its UI; JSON clients are
    /// redirected to its JSON, or, with continue-with transitions, get a 400 naming it in <c>details.continue_with</c>.
    /// </summary>
    async Task<IResult> RestartAsync(HttpContext context, Flow old, Strategies.StrategyOutcome outcome)
    {
        if (StrategyFor(old) is not { } strategy)
        {
            return await responder.ErrorAsync(context, old, UnknownMethod).ConfigureAwait(false);
        }

        var type = outcome.FlowType ?? old.Type;
        if (type == Flow.Browser)
        {
            // Kratos hands the browser a new CSRF cookie with the new flow.
            csrf.Regenerate(context);
        }

        var replacement = factory.Replace(context, old, type);
        Prepare(context, replacement, strategy);
        var message = outcome.Message ?? Messages.RecoveryStateFailure();
        replacement.Ui.Messages.Add(message);
        await store.CreateAsync(replacement, context.RequestAborted).ConfigureAwait(false);
        if (!ClientKind.IsJsonRequest(context.Request))
        {
            return FlowResponder.Redirect(303, responder.UiUrl(replacement));
        }

        if (!options.UseContinueWithTransitions)
        {
            return FlowResponder.Redirect(303, responder.FlowUrl(replacement));
        }

        var reason = message.Context?["reason"]?.GetValue<string>() ?? message.Text;
        return new ApiErrorResult(ApiErrors.BadRequest(reason, new JsonObject { ["continue_with"] = new JsonArray(ShowRecoveryUi(replacement)) }));
    }

    static JsonObject ShowRecoveryUi(Flow flow) =>
        new() { ["action"] = "show_recovery_ui", ["flow"] = new JsonObject { ["id"] = flow.Id.ToString() } };

    /// <summary>Recovery is for the logged out: JSON clients get 400 <c>session_already_available</c>, browsers go to the return URL (302, as Kratos).</summary>
    IResult LoggedIn(HttpContext context, bool api) =>
        api || ClientKind.IsJsonRequest(context.Request)
            ? new ApiErrorResult(AlreadyLoggedIn)
            : FlowResponder.Redirect(302, returnTo.AfterFlow(options, FlowKind.Recovery, null, context.Request.Query["return_to"].ToString(), null));

}
