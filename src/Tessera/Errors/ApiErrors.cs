using System.Text.Json.Nodes;

namespace Tessera.Errors;

/// <summary>One factory per kind of error Kratos answers with; messages are Kratos's defaults for each status.</summary>
internal static class ApiErrors
{
    public static ApiError BadRequest(string reason, JsonObject? details = null) =>
        new(400, "The request was malformed or contained invalid parameters", Reason: reason, Details: details);

    public static ApiError NotFound(string reason) =>
        new(404, "The requested resource could not be found", Reason: reason);

    public static ApiError ResourceNotFound() =>
        new(404, "Unable to locate the resource", Reason: "Unable to locate the resource");

    public static ApiError Conflict(string reason) =>
        new(409, "Unable to insert or update resource because a resource with that value exists already", Reason: reason);

    public static ApiError MethodNotAllowed() =>
        new(405, "The requested method is not allowed for this resource", Reason: "The HTTP method is not supported by this endpoint.");

    public static ApiError PayloadTooLarge(long limit) =>
        new(413, "The request body is too large", Reason: $"Request bodies are limited to {limit} bytes.");

    public static ApiError UnsupportedMediaType(string? contentType) =>
        new(415, "The request's content type is not supported",
            Reason: $"Content-Type \"{contentType}\" is not supported by this endpoint; send application/json.");

    public static ApiError Internal() =>
        new(500, "An internal server error occurred, please contact the system administrator");

    public static ApiError Misconfiguration(string reason) =>
        new(500, "Invalid configuration", Reason: reason);

    public static ApiError Unavailable(string reason) =>
        new(503, "The service is not available right now", Reason: reason);

    public static ApiError IdentityConflict() =>
        Conflict("This identity conflicts with another identity that already exists.");

    public static ApiError SessionAlreadyAvailable() =>
        new(400, "session is already available", Id: "session_already_available",
            Reason: "A valid session was detected and thus login is not possible. Did you forget to set `?refresh=true`?");


    public static ApiError SessionAal1Required() =>
        new(401, "aal2 and aal3 can only be requested if a session exists already", Id: "session_aal1_required",
            Reason: "You can not requested a higher AAL (AAL2/AAL3) without an active session.");

    public static ApiError ReturnToForbidden(string url) =>
        new(400, "The request was malformed or contained invalid parameters", Id: "self_service_flow_return_to_forbidden",
            Reason: $"Requested return_to URL \"{url}\" is not allowed.");

    public static ApiError FlowDisabled(string reason) =>
        new(400, "The request was malformed or contained invalid parameters", Id: "self_service_flow_disabled", Reason: reason);

    public static ApiError MethodDisabled() =>
        new(404, "The requested resource could not be found",
            Reason: "This endpoint was disabled by system administrator. Please check your url or contact the system administrator to enable it.");

    public static ApiError FlowIdMissing() =>
        BadRequest("The flow query parameter is missing or malformed.");

    public static ApiError CsrfViolation(string rejectReason) =>
        new(403, "the request was rejected to protect you from Cross-Site-Request-Forgery", Id: "security_csrf_violation",
            Reason: "Please retry the flow and optionally clear your cookies. The request was rejected to protect you from Cross-Site-Request-Forgery (CSRF) which could cause account takeover, leaking personal information, and other serious security issues.",
            Details: new JsonObject
            {
                ["docs"] = "https://www.ory.sh/kratos/docs/debug/csrf",
                ["hint"] = rejectReason,
                ["reject_reason"] = rejectReason,
            });

    public static ApiError FlowExpiredGeneric(JsonObject details, TimeSpan since) =>
        new(410, "self-service flow expired", Id: "self_service_flow_expired",
            Reason: string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The self-service flow expired {since.TotalMinutes:0.00} minutes ago, initialize a new one."),
            Details: details);

    public static ApiError BrowserRequestOnApiFlow(string header, JsonObject? details = null) =>
        BadRequest($"The HTTP Request Header included the \"{header}\" key, indicating that this request was made by a Browser. The flow however was initiated as an API request. To prevent potential misuse and mitigate several attack vectors including CSRF, the request has been blocked. Please consult the documentation.", details);

    /// <summary>Settings: a privileged change with a login older than <c>privileged_session_max_age</c> (sent with <c>redirect_browser_to</c>).</summary>
    public static ApiError SessionRefreshRequired() =>
        new(403, "The requested action was forbidden", Id: "session_refresh_required",
            Reason: "The login session is too old and thus not allowed to update these fields. Please re-authenticate.");

    /// <summary>Settings: the flow belongs to another identity than the session's.</summary>
    /// <param name="reason">Kratos words it differently for fetching ("made for another identity") and submitting ("initiated by someone else").</param>
    public static ApiError IdentityMismatch(string reason) =>
        new(403, "The requested action was forbidden", Id: "security_identity_mismatch", Reason: reason);

    public static ApiError VerifiedAddressRequired(JsonObject? details = null) =>
        new(403, "The requested action was forbidden", Id: "session_verified_address_required",
            Reason: "Your account's email or phone address are not verified yet. Please check your email or phone inbox or re-request verification.",
            Details: details);

    /// <summary>A JSON client must send the browser on (recovery without continue-with transitions); sent with <c>redirect_browser_to</c>.</summary>
    public static ApiError BrowserLocationChangeRequired(string redirectTo) =>
        new(422, "browser location change required", Id: "browser_location_change_required",
            Reason: $"In order to complete this flow please redirect the browser to: {redirectTo}");

    /// <summary>The flow was replaced by a new one (sent with <c>use_flow_id</c>).</summary>
    public static ApiError FlowReplaced(string reason) =>
        new(410, "self-service flow replaced", Id: "self_service_flow_replaced", Reason: reason);

    /// <summary>A web hook answered with an error status, or with an answer that could not be read (Kratos: 502 without an id).</summary>
    public static ApiError UpstreamImproper(string message) =>
        new(502, message, Reason: "A third-party upstream service responded improperly. Please try again later.");

    /// <summary>A web hook could not be reached: 504 when it timed out (as Kratos), else 502.</summary>
    public static ApiError UpstreamUnreachable(bool timedOut) =>
        new(timedOut ? 504 : 502, timedOut ? "webhook request timed out" : "webhook request failed",
            Reason: "A third-party upstream service could not be reached. Please try again later.");
}
