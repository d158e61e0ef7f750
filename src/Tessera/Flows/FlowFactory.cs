using Tessera.Errors;
using Tessera.Flows.Ui;

namespace Tessera.Flows;

/// <summary>The parts every new flow shares: id, times, request URL, a checked return_to, and the csrf_token node.</summary>
internal sealed class FlowFactory(FlowOptions options, ReturnTo returnTo, Csrf csrf, TimeProvider time)
{
    public DateTime Now()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
    }

    /// <summary>A new flow, or the 400 error when the requested return_to is not allowed.</summary>
    public Flow? Create(HttpContext context, FlowKind kind, string type, out ApiError? error)
    {
        error = null;
        var requested = context.Request.Query["return_to"].ToString();
        string? allowedReturnTo = null;
        if (!string.IsNullOrEmpty(requested))
        {
            var resolved = returnTo.Resolve(requested);
            if (resolved is null)
            {
                error = ApiErrors.ReturnToForbidden(requested);
                return null;
            }

            allowedReturnTo = resolved.ToString();
        }

        var now = Now();
        var flow = new Flow
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            Type = type,
            RequestUrl = RequestUrl(context.Request),
            ReturnTo = allowedReturnTo,
            IssuedAt = now,
            ExpiresAt = now + options.Lifespan(kind),
            CreatedAt = now,
            UpdatedAt = now,
        };
        flow.Ui.Action = options.ActionUrl(kind, flow.Id).ToString();
        flow.Ui.Method = "POST";
        flow.Ui.Nodes.Add(UiNode.InputField("csrf_token", "hidden", NodeGroup.Default, value: "", required: true));
        if (type == Flow.Browser)
        {
            flow.CsrfFingerprint = Csrf.Fingerprint(csrf.EnsureSecret(context));
        }

        return flow;
    }

    /// <summary>The init request's full URL, with scheme and host as the client saw them behind a proxy.</summary>
    public static string RequestUrl(HttpRequest request)
    {
        var scheme = request.Headers["X-Forwarded-Proto"].ToString() is { Length: > 0 } proto ? proto : request.Scheme;
        var host = request.Headers["X-Forwarded-Host"].ToString() is { Length: > 0 } forwarded ? forwarded : request.Host.ToString();
        return $"{scheme}://{host}{request.PathBase}{request.Path}{request.QueryString}";
    }
}
