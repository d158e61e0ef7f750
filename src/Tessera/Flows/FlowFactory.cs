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
    /// <param name="lifespan">how long the flow lives; the flow kind's <c>lifespan</c> when null.</param>
    /// <param name="fromBrowser">
    /// false for flows an administrator makes: no CSRF cookie is set or remembered (the admin API's caller is no browser).
    /// </param>
    public Flow? Create(HttpContext context, FlowKind kind, string type, out ApiError? error, TimeSpan? lifespan = null, bool fromBrowser = true)
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

        return New(context, kind, type, RequestUrl(context.Request), allowedReturnTo, lifespan ?? options.Lifespan(kind), fromBrowser);
    }

    /// <summary>
    /// A new flow of the same kind in place of <paramref name="old"/> (expired, completed, or unusable): request URL and
    /// return_to carry over; the type is the old one unless given.
    /// </summary>
    public Flow Replace(HttpContext context, Flow old, string? type = null)
    {
        ArgumentNullException.ThrowIfNull(old);
        return New(context, old.Kind, type ?? old.Type, old.RequestUrl, old.ReturnTo, options.Lifespan(old.Kind), fromBrowser: true);
    }

    /// <summary>A flow another flow starts on its own (the settings flow after recovery), its return_to decided (and checked) already.</summary>
    public Flow Start(HttpContext context, FlowKind kind, string type, string? allowedReturnTo) =>
        New(context, kind, type, RequestUrl(context.Request), allowedReturnTo, options.Lifespan(kind), fromBrowser: true);

    Flow New(HttpContext context, FlowKind kind, string type, string requestUrl, string? allowedReturnTo, TimeSpan lifespan, bool fromBrowser)
    {
        var now = Now();
        var flow = new Flow
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            Type = type,
            RequestUrl = requestUrl,
            ReturnTo = allowedReturnTo,
            IssuedAt = now,
            ExpiresAt = now + lifespan,
            CreatedAt = now,
            UpdatedAt = now,
        };
        flow.Ui.Action = options.ActionUrl(kind, flow.Id).ToString();
        flow.Ui.Method = "POST";
        flow.Ui.Nodes.Add(UiNode.InputField("csrf_token", "hidden", NodeGroup.Default, value: "", required: true));
        if (type == Flow.Browser && fromBrowser)
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
