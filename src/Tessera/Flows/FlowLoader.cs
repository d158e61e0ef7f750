using System.Text.Json.Nodes;
using Tessera.Errors;
using Tessera.Hosting;

namespace Tessera.Flows;

/// <summary>Loads flows for the get and submit endpoints, with the checks every kind shares (id, CSRF, api-flow hygiene).</summary>
internal sealed class FlowLoader(FlowStore flows, FlowResponder responder, FlowOptions options, Csrf csrf, TimeProvider time)
{
    /// <summary><c>GET /self-service/{kind}/flows?id=</c>: 404 unknown, 403 from another browser, 410 expired, else the flow.</summary>
    public async Task<IResult> GetAsync(HttpContext context, FlowKind kind)
    {
        if (!Guid.TryParse(context.Request.Query["id"].ToString(), out var id))
        {
            return new ApiErrorResult(ApiErrors.FlowIdMissing());
        }

        var flow = await flows.GetAsync(kind, id, context.RequestAborted).ConfigureAwait(false);
        if (flow is null)
        {
            return new ApiErrorResult(ApiErrors.NotFound($"The {kind.Name()} flow could not be found."));
        }

        if (!flow.IsApi && !flow.SkipCsrfCheck && (csrf.ReadSecret(context.Request) is not { } secret || Csrf.Fingerprint(secret) != flow.CsrfFingerprint))
        {
            return new ApiErrorResult(ApiErrors.CsrfViolation(context.Request.Cookies.Count == 0 ? "cookie header empty" : "cookie missing or does not match the flow"));
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (flow.IsExpired(now))
        {
            var restart = new Uri(options.Config.Public.BaseUrl, $"self-service/{kind.Name()}/{(flow.IsApi ? "api" : "browser")}");
            var details = new JsonObject { ["redirect_to"] = (flow.ReturnTo is null ? restart : FlowResponder.WithQuery(restart, "return_to", flow.ReturnTo)).ToString() };
            details[flow.IsApi ? "api" : "return_to"] = flow.IsApi ? restart.ToString() : flow.ReturnTo ?? "";
            return new ApiErrorResult(ApiErrors.FlowExpiredGeneric(details, now - flow.ExpiresAt));
        }

        return responder.FlowBody(context, flow, 200);
    }

    /// <summary>The flow a submission names, or the answer when there is none (400 malformed id, 404 unknown).</summary>
    public async Task<(Flow? Flow, IResult? Answer)> LoadForSubmitAsync(HttpContext context, FlowKind kind)
    {
        if (!Guid.TryParse(context.Request.Query["flow"].ToString(), out var id))
        {
            return (null, await responder.ErrorAsync(context, null, ApiErrors.FlowIdMissing()).ConfigureAwait(false));
        }

        var flow = await flows.GetAsync(kind, id, context.RequestAborted).ConfigureAwait(false);
        return flow is null
            ? (null, await responder.ErrorAsync(context, null, ApiErrors.NotFound($"The {kind.Name()} flow could not be found.")).ConfigureAwait(false))
            : (flow, null);
    }

    /// <summary>
    /// Browser flows: the posted csrf_token must match the cookie (403 otherwise). Api flows: a request with an Origin
    /// header or cookies (other than Cloudflare's) came from a browser and is refused (400).
    /// </summary>
    public ApiError? CheckRequest(HttpContext context, Flow flow, JsonObject payload)
    {
        var request = context.Request;
        if (flow.SkipCsrfCheck)
        {
            return null;
        }

        if (flow.IsApi)
        {
            if (!string.IsNullOrEmpty(request.Headers.Origin))
            {
                return ApiErrors.BrowserRequestOnApiFlow("Origin");
            }

            var cookies = request.Cookies.Keys.Where(k => !(k.StartsWith("__cf", StringComparison.Ordinal) || k.StartsWith("_cf", StringComparison.Ordinal)
                || k.StartsWith("cf_", StringComparison.Ordinal))).ToList();
            return cookies.Count > 0
                ? ApiErrors.BrowserRequestOnApiFlow("Cookie", new JsonObject { ["found cookies"] = new JsonArray(cookies.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()) })
                : null;
        }

        if (request.Cookies.Count == 0)
        {
            return ApiErrors.CsrfViolation("cookie header empty");
        }

        if (csrf.ReadSecret(request) is not { } secret)
        {
            return ApiErrors.CsrfViolation("cookie missing");
        }

        var token = FlowPayload.String(payload, "csrf_token");
        if (string.IsNullOrEmpty(token))
        {
            return ApiErrors.CsrfViolation("token not sent");
        }

        return Csrf.Verify(secret, token) ? null : ApiErrors.CsrfViolation("token mismatch");
    }
}
