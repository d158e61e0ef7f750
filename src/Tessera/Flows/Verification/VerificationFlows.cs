using System.Text.Json.Nodes;
using Tessera.Errors;
using Tessera.Hooks.WebHooks;
using Tessera.Hosting;
using Tessera.Identities;
using Tessera.Schemas;
using Tessera.Strategies;
using Tessera.Text;

namespace Tessera.Flows.Verification;

/// <summary>
/// Creates, shows and advances verification flows (API.md §5.5, FLOWS.md §9). Sessions play no part; the flow's method
/// is fixed at creation (<c>selfservice.flows.verification.use</c>) and only that strategy answers it.
/// </summary>
internal sealed class VerificationFlows(
    FlowFactory factory,
    FlowStore store,
    FlowLoader loader,
    FlowResponder responder,
    FlowOptions options,
    StrategyCatalog strategies,
    SchemaRegistry schemas,
    Csrf csrf,
    FlowWebHooks webHooks,
    FlowOpening opening,
    IdentityStore identities)
{
    static readonly ApiError Disabled = ApiErrors.BadRequest("Verification is not allowed because it was disabled.");

    /// <summary>The method new flows use, when it is switched on.</summary>
    public IVerificationStrategy? Primary => strategies.Verification.FirstOrDefault(s => s.Id == options.Use(FlowKind.Verification));

    ApiError UnknownMethod =>
        ApiErrors.BadRequest($"You attempted verification using {options.Use(FlowKind.Verification)}, which is not enabled or does not exist. An administrator needs to enable this verification method.");

    public async Task<IResult> InitAsync(HttpContext context, string type)
    {
        if (!options.VerificationEnabled)
        {
            return await opening.RefuseAsync(context, type, Disabled).ConfigureAwait(false);
        }

        if (Primary is not { } primary)
        {
            return await opening.RefuseAsync(context, type, UnknownMethod).ConfigureAwait(false);
        }

        var flow = factory.Create(context, FlowKind.Verification, type, out var error);
        if (flow is null)
        {
            return await opening.RefuseAsync(context, type, error!).ConfigureAwait(false);
        }

        Prepare(context, flow, primary);
        return await opening.OpenAsync(context, type, flow).ConfigureAwait(false);
    }

    public async Task<IResult> GetAsync(HttpContext context) =>
        options.VerificationEnabled
            ? await loader.GetAsync(context, FlowKind.Verification).ConfigureAwait(false)
            : await responder.ErrorAsync(context, null, Disabled).ConfigureAwait(false);

    public async Task<IResult> SubmitAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var (flow, answer) = await loader.LoadForSubmitAsync(context, FlowKind.Verification).ConfigureAwait(false);
        if (flow is null)
        {
            return answer!;
        }

        var now = factory.Now();
        if (flow.IsExpired(now))
        {
            return await RestartAsync(context, flow, Messages.VerificationFlowExpired(flow.ExpiresAt, now), null, expired: true).ConfigureAwait(false);
        }

        var (payload, payloadError) = await FlowPayload.ReadAsync(context.Request).ConfigureAwait(false);
        if (payload is null)
        {
            return await responder.ErrorAsync(context, flow, payloadError!).ConfigureAwait(false);
        }

        // Kratos checks CSRF where an address is submitted; a code or token comes from an e-mail's link, maybe in another browser.
        if (payload["code"] is null && payload["token"] is null && loader.CheckRequest(context, flow, payload) is { } requestError)
        {
            return await responder.ErrorAsync(context, flow, requestError).ConfigureAwait(false);
        }

        if (payload["transient_payload"] is JsonObject transient)
        {
            flow.TransientPayload = transient;
        }

        var flowContext = new FlowContext(context, flow, payload, schemas.Default);
        foreach (var strategy in strategies.Verification)
        {
            if (flow.Active is { Length: > 0 } active && strategy.Id != active)
            {
                continue;
            }

            var outcome = await strategy.VerifyAsync(flowContext, ct).ConfigureAwait(false);
            switch (outcome.Kind)
            {
                case OutcomeKind.NotResponsible:
                    continue;
                case OutcomeKind.Invalid:
                    flow.Active = strategy.Id;
                    await store.UpdateAsync(flow, ct).ConfigureAwait(false);
                    return responder.Invalid(context, flow);
                case OutcomeKind.Restart:
                    return await RestartAsync(context, flow, outcome.Message ?? Messages.VerificationStateFailure(), outcome.FlowType, expired: false)
                        .ConfigureAwait(false);
                case OutcomeKind.Failed:
                    return await responder.ErrorAsync(context, flow, outcome.Error ?? ApiErrors.Internal()).ConfigureAwait(false);
                default:
                    if (outcome.VerifiedIdentityId is { } verified && await AfterHooksAsync(flowContext, verified).ConfigureAwait(false) is { } refused)
                    {
                        return refused;
                    }

                    // Kratos answers by what the client accepts, not by the flow's type: a browser goes back to the UI.
                    return ClientKind.IsBrowserRequest(context.Request)
                        ? FlowResponder.Redirect(303, responder.UiUrl(flow))
                        : responder.FlowBody(context, flow, 200);
            }
        }

        flowContext.Fail(Messages.VerificationNoStrategyFound());
        await store.UpdateAsync(flow, ct).ConfigureAwait(false);
        return responder.Invalid(context, flow);
    }

    /// <summary>An address was verified: the verification after-hooks (web hooks) run with its identity; null when they passed.</summary>
    async Task<IResult?> AfterHooksAsync(FlowContext context, Guid identityId)
    {
        var afterHooks = webHooks.Catalog.After(FlowKind.Verification, context.Flow.Active);
        if (afterHooks.Count == 0 || await identities.GetAsync(identityId, context.Aborted).ConfigureAwait(false) is not { } identity)
        {
            return null;
        }

        return (await webHooks.AfterAsync(context, afterHooks, identity, null, context.Aborted).ConfigureAwait(false)).Refused;
    }

    /// <summary>A new flow's method and first screen.</summary>
    void Prepare(HttpContext context, Flow flow, IVerificationStrategy strategy)
    {
        flow.Active = strategy.Id;
        strategy.PopulateVerification(new FlowContext(context, flow, [], schemas.Default));
    }

    /// <summary>
    /// This flow cannot go on (expired, completed, too many codes, an unusable link): a new one carries the message.
    /// Form posts and opened links go to its UI. JSON clients are redirected to its JSON when the old flow expired,
    /// else get Kratos's 410 <c>self_service_flow_replaced</c> with <c>use_flow_id</c>.
    /// </summary>
    async Task<IResult> RestartAsync(HttpContext context, Flow old, UiText message, string? type, bool expired)
    {
        var strategy = Primary ?? strategies.Verification.FirstOrDefault(s => s.Id == old.Active) ?? strategies.Verification.FirstOrDefault();
        if (strategy is null)
        {
            return await responder.ErrorAsync(context, old, UnknownMethod).ConfigureAwait(false);
        }

        type ??= old.Type;
        if (type == Flow.Browser)
        {
            csrf.Regenerate(context);
        }

        var replacement = factory.Replace(context, old, type);
        Prepare(context, replacement, strategy);
        replacement.Ui.Messages.Add(message);
        await store.CreateAsync(replacement, context.RequestAborted).ConfigureAwait(false);
        var json = ClientKind.IsJsonRequest(context.Request);
        if (expired)
        {
            return FlowResponder.Redirect(303, replacement.IsApi || json ? responder.FlowUrl(replacement) : responder.UiUrl(replacement));
        }

        if (!json)
        {
            return FlowResponder.Redirect(303, responder.UiUrl(replacement));
        }

        var error = ApiErrors.FlowReplaced("An error occured, please use the new flow.");
        return new JsonResponse(410, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("error");
            ApiErrorResult.WriteBody(w, error, context.Request.Headers["X-Request-ID"].ToString());
            w.WriteString("use_flow_id", replacement.Id);
            w.WriteEndObject();
        }).WithHeader("Ory-Error-Id", error.Id!);
    }

}
