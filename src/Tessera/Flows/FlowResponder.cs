using System.Globalization;
using Tessera.Errors;
using Tessera.Hosting;

namespace Tessera.Flows;

/// <summary>
/// How a flow answers, by flow type and by what the client asked for (API.md §2.4): the flow as JSON, a redirect to
/// the UI, a plain error, or an error stored for the error UI.
/// </summary>
internal sealed class FlowResponder(FlowOptions options, Csrf csrf, ErrorContainerStore errors)
{
    /// <summary>The flow as JSON; a browser flow's csrf_token node gets a freshly masked token.</summary>
    public JsonResponse FlowBody(HttpContext context, Flow flow, int status)
    {
        var token = flow.IsApi ? "" : Csrf.MaskedToken(csrf.EnsureSecret(context));
        return new JsonResponse(status, w => FlowJson.Write(w, flow, token, options.Config.Public.BaseUrl));
    }

    /// <summary>After an init call: JSON for api flows and SPAs, a 303 to the UI for browsers.</summary>
    public IResult Created(HttpContext context, Flow flow) =>
        flow.IsApi || ClientKind.WantsJson(context.Request) ? FlowBody(context, flow, 200) : Redirect(303, UiUrl(flow));

    /// <summary>Validation failed (messages on the flow, flow saved): 400 + flow, or back to the UI for form posts.</summary>
    /// <param name="htmlStatus">the redirect status for form posts: Kratos uses 302 for registration errors, 303 elsewhere.</param>
    public IResult Invalid(HttpContext context, Flow flow, int? htmlStatus = null) =>
        !flow.IsApi && !ClientKind.IsJsonRequest(context.Request)
            ? Redirect(htmlStatus ?? (flow.Kind == FlowKind.Registration ? 302 : 303), UiUrl(flow))
            : FlowBody(context, flow, 400);

    /// <summary>A form that changed without a result (the flow saved): 200 + flow, or back to the UI for form posts.</summary>
    public IResult Shown(HttpContext context, Flow flow) =>
        !flow.IsApi && !ClientKind.IsJsonRequest(context.Request) ? Redirect(303, UiUrl(flow)) : FlowBody(context, flow, 200);

    /// <summary>An error not shown in a flow: JSON for api flows and JSON requests, else stored and the browser sent to the error UI.</summary>
    public async Task<IResult> ErrorAsync(HttpContext context, Flow? flow, ApiError error)
    {
        if (flow?.IsApi == true || ClientKind.IsJsonRequest(context.Request))
        {
            return new ApiErrorResult(error);
        }

        var id = await errors.SaveAsync(error, context.RequestAborted).ConfigureAwait(false);
        return Redirect(303, WithQuery(options.ErrorUiUrl, "id", id.ToString()));
    }

    /// <summary>A submission to an expired flow: the replacement flow (carrying the expiry message) as 410 or a redirect to it.</summary>
    /// <param name="details">the error's <c>details</c> (recovery with continue-with transitions: <c>continue_with</c>).</param>
    public IResult Expired(HttpContext context, Flow expired, Flow replacement, DateTime now, System.Text.Json.Nodes.JsonObject? details = null)
    {
        if (!replacement.IsApi && !ClientKind.IsJsonRequest(context.Request))
        {
            return Redirect(303, UiUrl(replacement));
        }

        var since = now - expired.ExpiresAt;
        var error = new ApiError(410, "self-service flow expired", Id: "self_service_flow_expired",
            Reason: string.Create(CultureInfo.InvariantCulture, $"The self-service flow expired {since.TotalMinutes:0.00} minutes ago, initialize a new one."),
            Details: details);
        return new JsonResponse(410, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("error");
            ApiErrorResult.WriteBody(w, error, context.Request.Headers["X-Request-ID"].ToString());
            w.WriteString("expired_at", expired.ExpiresAt);
            w.WriteNumber("since", since.Ticks * 100);
            w.WriteString("use_flow_id", replacement.Id);
            w.WriteEndObject();
        }).WithHeader("Ory-Error-Id", "self_service_flow_expired");
    }

    /// <summary>Where Kratos's legacy answers send JSON clients to read a replacement flow: <c>GET /self-service/{kind}/flows?id=</c>.</summary>
    public Uri FlowUrl(Flow flow) => WithQuery(new Uri(options.Config.Public.BaseUrl, $"self-service/{flow.Kind.Name()}/flows"), "id", flow.Id.ToString());

    public Uri UiUrl(Flow flow) => WithQuery(options.UiUrl(flow.Kind), "flow", flow.Id.ToString());

    public static IResult Redirect(int status, Uri location) => new RedirectResult(status, location.ToString());

    /// <summary>A redirect to a location built as text, so its escaped query parts stay exactly as written.</summary>
    public static IResult Redirect(int status, string location) => new RedirectResult(status, location);

    public static Uri WithQuery(Uri url, string name, string value)
    {
        var builder = new UriBuilder(url);
        var pair = Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value);
        builder.Query = string.IsNullOrEmpty(builder.Query) || builder.Query == "?" ? pair : builder.Query.TrimStart('?') + "&" + pair;
        return builder.Uri;
    }

    sealed class RedirectResult(int status, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
