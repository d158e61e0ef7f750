using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Errors;
using Tessera.Hosting;

namespace Tessera.Sessions;

/// <summary>The errors of the session and logout endpoints, worded as Kratos words them.</summary>
internal static class SessionErrors
{
    const string Unauthorized = "The request could not be authorized";
    const string Forbidden = "The requested action was forbidden";

    /// <summary>whoami's 401 in current Kratos: no id (API.md §18 item 1).</summary>
    public static ApiError NoValidSessionCredentials() =>
        new(401, Unauthorized, Reason: "No valid session credentials found in the request.");

    public static ApiError NoValidSessionCookie() =>
        new(401, Unauthorized, Reason: "No valid session cookie found.");

    public static ApiError SessionInactive() =>
        new(401, "request does not have a valid authentication session", Id: "session_inactive",
            Reason: "No active session was found in this request.");

    public static ApiError CannotRevokeCurrentSession() =>
        ApiErrors.BadRequest("cannot revoke current session");

    public static ApiError LogoutTokenMismatch() =>
        new(403, Forbidden, Reason: "Unable to log out because the logout token in the URL query does not match the session cookie.");

    public static ApiError UnknownSessionToken() =>
        new(403, Forbidden, Reason: "The provided Ory Session Token could not be found, is invalid, or otherwise malformed.");


    public static ApiError MalformedId(string id) =>
        ApiErrors.BadRequest($"The session id \"{id}\" is not a valid UUID.");

    /// <summary>403 <c>session_aal2_required</c>: the error envelope plus <c>redirect_browser_to</c> beside and inside it.</summary>
    public static IResult Aal2Required(Uri publicBaseUrl)
    {
        var redirect = new Uri(publicBaseUrl, "self-service/login/browser?aal=aal2").ToString();
        var error = new ApiError(403, "Session does not fulfill the requested Authenticator Assurance Level", Id: "session_aal2_required",
            Reason: "An active session was found but it does not fulfill the requested Authenticator Assurance Level. " +
                    "Please verify yourself with a second factor to resolve this issue.",
            Details: new JsonObject { ["redirect_browser_to"] = redirect });
        return new ErrorWithRedirect(error, redirect);
    }

    sealed class ErrorWithRedirect(ApiError error, string redirect) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = error.Code;
            response.ContentType = "application/json";
            response.Headers["Ory-Error-Id"] = error.Id;
            using var buffer = new MemoryStream();
            await using (var w = new Utf8JsonWriter(buffer, JsonWriting.Options))
            {
                w.WriteStartObject();
                w.WritePropertyName("error");
                ApiErrorResult.WriteBody(w, error, httpContext.Request.Headers["X-Request-ID"].ToString());
                w.WriteString("redirect_browser_to", redirect);
                w.WriteEndObject();
            }

            response.ContentLength = buffer.Length;
            await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
