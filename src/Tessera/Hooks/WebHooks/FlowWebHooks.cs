using System.Text.Json.Nodes;
using Tessera.Errors;
using Tessera.Flows;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Schemas;
using Tessera.Sessions;
using Tessera.Text;

namespace Tessera.Hooks.WebHooks;

/// <summary>
/// Web hooks in the self-service flows (API.md §12.2–12.6): before a flow is made, and after it succeeded (registration
/// and settings: interrupting and parsing hooks before the identity is written, the others after). A refusal puts its
/// messages on the flow and answers it as invalid; a failure answers with its error.
/// </summary>
internal sealed class FlowWebHooks(WebHookRunner webHooks, FlowResponder responder, FlowStore store, SchemaRegistry schemas, IdentityWriter writer)
{
    public WebHookCatalog Catalog => webHooks.Catalog;

    /// <summary>
    /// The flow's <c>before</c> web hooks, run as it is made (not stored yet): null when they passed, else the error that
    /// stops its creation. A refusal has no flow to show its messages on, so it becomes a 400 error carrying them.
    /// </summary>
    public async Task<ApiError?> BeforeFlowAsync(HttpContext http, Flow flow, Session? session = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(flow);
        var hooks = webHooks.Catalog.Before(flow.Kind);
        if (hooks.Count == 0)
        {
            return null;
        }

        var result = await webHooks.RunAsync(hooks, new WebHookTrigger(http, flow, Session: session), http.RequestAborted).ConfigureAwait(false);
        if (result.IsVeto)
        {
            var texts = result.Messages.Select(m => m.Text.Text).Where(t => t.Length > 0).ToList();
            return ApiErrors.BadRequest(texts.Count > 0 ? string.Join(" ", texts) : "A web hook refused to start this flow.",
                new JsonObject { ["messages"] = new JsonArray(result.Messages.Select(m => (JsonNode)m.Text.ToJsonObject()).ToArray()) });
        }

        return result.Error;
    }

    /// <summary>
    /// Runs after-hooks <paramref name="hooks"/> of a flow that succeeded: null when they passed, else the answer. A
    /// refusal puts its messages on the flow's nodes (a pointer to no node adds one, <c>#/</c> is global) with the traits
    /// as the identity has them now, saves the flow and answers it as invalid; a failure answers with its error.
    /// </summary>
    /// <param name="ct">the request's token, or none for hooks that run once the identity is written (Kratos decouples those).</param>
    public async Task<(IResult? Refused, WebHookResult Result)> AfterAsync(FlowContext context, IReadOnlyList<WebHookOptions> hooks, Identity? identity,
        Session? session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(hooks);
        if (hooks.Count == 0)
        {
            return (null, WebHookResult.Passed);
        }

        var result = await webHooks.RunAsync(hooks, new WebHookTrigger(context.Http, context.Flow, identity, session), ct).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            return (await responder.ErrorAsync(context.Http, context.Flow, error).ConfigureAwait(false), result);
        }

        if (!result.IsVeto)
        {
            return (null, result);
        }

        var ui = context.Ui;
        ui.ResetMessages();
        if (identity is not null)
        {
            TraitNodes.WriteValues(ui, identity.Traits);
        }

        foreach (var message in result.Messages)
        {
            ui.AddMessage(UiContainer.NodeNameFromPointer(message.InstancePointer), message.Text);
        }

        await store.UpdateAsync(context.Flow, context.Aborted).ConfigureAwait(false);
        return (responder.Invalid(context.Http, context.Flow), result);
    }

    /// <summary>
    /// Registration and settings, before the identity is written: the method's interrupting and parsing web hooks, then,
    /// when one changed the identity, its traits validated against its schema and its identifiers and addresses derived
    /// again (Kratos validates the hook's identity as any other). Null when the identity may be written, else the answer.
    /// </summary>
    public async Task<IResult?> PrePersistAsync(FlowContext context, string method, Identity identity, Session? session)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(identity);
        var (refused, result) = await AfterAsync(context, webHooks.Catalog.PrePersist(context.Flow.Kind, method), identity, session, context.Aborted)
            .ConfigureAwait(false);
        if (refused is not null || !result.IdentityChanged)
        {
            return refused;
        }

        var ui = context.Ui;
        var schema = schemas.Find(identity.SchemaId) is { } found && found.Id == identity.SchemaId ? found : null;
        if (schema is not null)
        {
            ui.ResetMessages();
            TraitNodes.WriteValues(ui, identity.Traits);
            if (SchemaErrorMessages.Apply(ui, TraitsValidator.Validate(schema, identity.Traits), identity.Traits, schema))
            {
                await store.UpdateAsync(context.Flow, context.Aborted).ConfigureAwait(false);
                return responder.Invalid(context.Http, context.Flow);
            }
        }

        if (writer.Derive(identity, result.VerifiableAddresses, previous: null) is { } invalid)
        {
            context.Fail(Messages.Generic(invalid.Reason ?? invalid.Message));
            await store.UpdateAsync(context.Flow, context.Aborted).ConfigureAwait(false);
            return responder.Invalid(context.Http, context.Flow);
        }

        return null;
    }
}
