using System.Text.Json.Nodes;
using Tessera.Errors;

namespace Tessera.Sessions;

/// <summary>The errors of the session and logout endpoints, worded as Kratos words them.</summary>
internal static class SessionErrors
{
    const string Unauthorized = "The request could not be authorized";
    const string Forbidden = "The requested action was forbidden";

    /// <summary>whoami's 401 in current Kratos: no id (API.md §18 item 1).</summary>
    public static ApiError NoValidSessionCredentials() =>
        new(401, Unauthorized, Reason: "No valid session credentials found in the request.");

    /// <summary>The settings flow's fetch and submit without a session, for JSON clients (Kratos gives no id here).</summary>
    public static ApiError SessionCredentialsMissing() =>
        new(401, Unauthorized, Reason: "A valid Ory Session Cookie or Ory Session Token is missing.");

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

    /// <summary>
    /// 403 <c>session_aal2_required</c>: the error envelope plus <c>redirect_browser_to</c> beside and inside it; with
    /// <paramref name="returnTo"/>, the login it points to comes back there.
    /// </summary>
    public static ApiErrorResult Aal2Required(Uri publicBaseUrl, string? returnTo = null)
    {
        var redirect = Aal2LoginUrl(publicBaseUrl, returnTo);
        var error = new ApiError(403, "Session does not fulfill the requested Authenticator Assurance Level", Id: "session_aal2_required",
            Reason: "An active session was found but it does not fulfill the requested Authenticator Assurance Level. " +
                    "Please verify yourself with a second factor to resolve this issue.",
            Details: new JsonObject { ["redirect_browser_to"] = redirect });
        return new ApiErrorResult(error) { RedirectBrowserTo = redirect };
    }

    /// <summary>The step-up login a session below the required AAL is sent to.</summary>
    public static string Aal2LoginUrl(Uri publicBaseUrl, string? returnTo = null) =>
        new Uri(publicBaseUrl, "self-service/login/browser").AbsoluteUri + "?aal=aal2" + (returnTo is null ? "" : "&return_to=" + Uri.EscapeDataString(returnTo));
}
