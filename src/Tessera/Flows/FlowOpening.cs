using Tessera.Errors;
using Tessera.Hooks.WebHooks;
using Tessera.Sessions;

namespace Tessera.Flows;

/// <summary>
/// What starting any self-service flow ends with: the before hooks (a refusal ends it), storing the flow and the 201
/// (api, SPA) or 303 (browser) answer; and how a request that gets no flow is refused.
/// </summary>
internal sealed class FlowOpening(FlowStore store, FlowResponder responder, FlowWebHooks webHooks)
{
    /// <summary>An error before a flow exists: the error object for an api client, the error UI (or its JSON) for a browser.</summary>
    public Task<IResult> RefuseAsync(HttpContext context, string type, ApiError error) =>
        type == Flow.Api ? Task.FromResult<IResult>(new ApiErrorResult(error)) : responder.ErrorAsync(context, null, error);

    /// <param name="session">the session a settings flow belongs to, shown to the hooks.</param>
    /// <param name="beforeStore">what must happen only once the hooks let the flow be (settings: dropping a parked change).</param>
    public async Task<IResult> OpenAsync(HttpContext context, string type, Flow flow, Session? session = null, Action? beforeStore = null)
    {
        if (await webHooks.BeforeFlowAsync(context, flow, session).ConfigureAwait(false) is { } refused)
        {
            return await RefuseAsync(context, type, refused).ConfigureAwait(false);
        }

        beforeStore?.Invoke();
        await store.CreateAsync(flow, context.RequestAborted).ConfigureAwait(false);
        return responder.Created(context, flow);
    }
}
