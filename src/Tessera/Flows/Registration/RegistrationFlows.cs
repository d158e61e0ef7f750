using System.Text.Json.Nodes;
using Tessera.Errors;
using Tessera.Flows.Ui;
using Tessera.Hosting;
using Tessera.Schemas;
using Tessera.Sessions;
using Tessera.Strategies;
using Tessera.Text;

namespace Tessera.Flows.Registration;

/// <summary>Creates and advances registration flows (profile-first two-step by default, or unified).</summary>
internal sealed class RegistrationFlows(
    FlowFactory factory,
    FlowStore store,
    FlowLoader loader,
    FlowResponder responder,
    FlowOptions options,
    StrategyCatalog strategies,
    SchemaRegistry schemas,
    SessionAuthenticator authenticator,
    RegistrationCompletion completion,
    StrategyRunner runner,
    FlowOpening opening,
    Security.CredentialRateLimit rateLimit)
{
    static readonly ApiError Disabled = ApiErrors.FlowDisabled("Registration is not allowed because it was disabled.");

    public async Task<IResult> InitAsync(HttpContext context, string type)
    {
        if (!options.RegistrationEnabled)
        {
            return await opening.RefuseAsync(context, type, Disabled).ConfigureAwait(false);
        }

        var auth = await authenticator.AuthenticateAsync(context, cookieOnly: type == Flow.Browser).ConfigureAwait(false);
        if (auth.Succeeded)
        {
            if (type == Flow.Browser && !ClientKind.WantsJson(context.Request))
            {
                return FlowResponder.Redirect(303, completion.ReturnUrl(null, context.Request.Query["return_to"].ToString(), null));
            }

            return await opening.RefuseAsync(context, type, ApiErrors.SessionAlreadyAvailable()).ConfigureAwait(false);
        }

        var schemaId = context.Request.Query["identity_schema"].ToString();
        IdentitySchema schema;
        if (string.IsNullOrEmpty(schemaId))
        {
            schema = schemas.Default;
        }
        else if (schemas.Find(schemaId) is not { } requested || requested.Id != schemaId)
        {
            return await opening.RefuseAsync(context, type, ApiErrors.BadRequest($"Requested identity schema \"{schemaId}\" does not exist.")).ConfigureAwait(false);
        }
        else if (!requested.SelfserviceSelectable && requested.Id != schemas.DefaultId)
        {
            return await opening.RefuseAsync(context, type, ApiErrors.BadRequest($"Requested identity schema \"{schemaId}\" is not enabled for self-service flows.")).ConfigureAwait(false);
        }
        else
        {
            schema = requested;
        }

        var flow = factory.Create(context, FlowKind.Registration, type, out var error);
        if (flow is null)
        {
            return await opening.RefuseAsync(context, type, error!).ConfigureAwait(false);
        }

        if (!string.IsNullOrEmpty(schemaId))
        {
            flow.IdentitySchema = schemaId;
        }

        Populate(new FlowContext(context, flow, [], schema));
        return await opening.OpenAsync(context, type, flow).ConfigureAwait(false);
    }

    /// <summary>Trait inputs, then each method's nodes: all of them in unified style, the profile step first otherwise.</summary>
    void Populate(FlowContext context)
    {
        context.Ui.Nodes.AddRange(TraitNodes.Generate(context.Schema, NodeGroup.Default));
        if (options.RegistrationUnified)
        {
            foreach (var strategy in strategies.Registration)
            {
                strategy.PopulateRegistration(context);
            }
        }
        else
        {
            ProfileStep.PopulateFirstScreen(context);
        }

        context.Ui.Sort(FlowKind.Registration);
    }

    public async Task<IResult> GetAsync(HttpContext context) =>
        options.RegistrationEnabled ? await loader.GetAsync(context, FlowKind.Registration).ConfigureAwait(false) : new ApiErrorResult(Disabled);


    IdentitySchema SchemaOf(Flow flow) => flow.IdentitySchema is { } id && schemas.Find(id) is { } s ? s : schemas.Default;

    public async Task<IResult> SubmitAsync(HttpContext context)
    {
        if (rateLimit.Check(context) is { } limited)
        {
            return limited;
        }

        var (flow, answer) = await loader.LoadForSubmitAsync(context, FlowKind.Registration).ConfigureAwait(false);
        if (flow is null)
        {
            return answer!;
        }

        var auth = await authenticator.AuthenticateAsync(context, cookieOnly: !flow.IsApi).ConfigureAwait(false);
        if (auth.Succeeded)
        {
            return flow.IsApi
                ? new ApiErrorResult(ApiErrors.SessionAlreadyAvailable())
                : FlowResponder.Redirect(303, completion.ReturnUrl(null, null, null));
        }

        var now = factory.Now();
        if (flow.IsExpired(now))
        {
            var replacement = factory.Replace(context, flow);
            replacement.Data = (JsonObject)flow.Data.DeepClone();
            Populate(new FlowContext(context, replacement, [], SchemaOf(flow)));
            replacement.Ui.Messages.Add(Messages.RegistrationFlowExpired(flow.ExpiresAt, now));
            await store.CreateAsync(replacement, context.RequestAborted).ConfigureAwait(false);
            return responder.Expired(context, flow, replacement, now);
        }

        var (payload, payloadError) = await FlowPayload.ReadAsync(context.Request).ConfigureAwait(false);
        if (payload is null)
        {
            return await responder.ErrorAsync(context, flow, payloadError!).ConfigureAwait(false);
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
        var flowContext = new FlowContext(context, flow, payload, SchemaOf(flow));
        if (ProfileStep.Handles(flowContext))
        {
            ProfileStep.Advance(flowContext, strategies.Registration);
            flow.Active = ProfileStep.Method;
            await store.UpdateAsync(flow, context.RequestAborted).ConfigureAwait(false);
            return responder.Invalid(context, flow, htmlStatus: 303);
        }

        var (success, result) = await runner.RunAsync(flowContext, strategies.Registration, s => s.RegisterAsync(flowContext, context.RequestAborted),
            Messages.RegistrationNoStrategyFound()).ConfigureAwait(false);
        return success is null ? result! : await completion.CompleteAsync(flowContext, success).ConfigureAwait(false);
    }
}
