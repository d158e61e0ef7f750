using System.Globalization;
using Microsoft.Net.Http.Headers;
using Tessera.Errors;
using Tessera.Hosting;
using Tessera.Sessions;
using SessionOptions = Tessera.Sessions.SessionOptions;

namespace Tessera.Flows.Logout;

/// <summary>Logout (§5.6): the browser logout URL, following it, and the native logout by session token.</summary>
internal static class LogoutEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/self-service/logout/browser", static (HttpContext c, SessionAuthenticator authenticator, ReturnTo returnTo,
            SessionOptions options) => CreateBrowserAsync(c, authenticator, returnTo, options));
        app.MapGet("/self-service/logout", static (HttpContext c, SessionAuthenticator authenticator, SessionStore store, SessionCookie cookie,
            ReturnTo returnTo, SessionOptions options, TimeProvider time) => LogoutAsync(c, authenticator, store, cookie, returnTo, options, time));
        app.MapDelete("/self-service/logout/api", static (HttpContext c, SessionStore store, TimeProvider time) => NativeAsync(c, store, time));
    }

    static async Task<IResult> CreateBrowserAsync(HttpContext context, SessionAuthenticator authenticator, ReturnTo returnTo,
        SessionOptions options)
    {
        var auth = await authenticator.AuthenticateAsync(context).ConfigureAwait(false);
        if (!auth.Succeeded)
        {
            return new ApiErrorResult(SessionErrors.SessionInactive());
        }

        var target = context.Request.Query["return_to"].ToString();
        if (target.Length > 0 && returnTo.Resolve(target) is null)
        {
            return new ApiErrorResult(ApiErrors.ReturnToForbidden(target));
        }

        var token = SessionToken.LogoutTokenFor(auth.Token!);
        // Query keys in Go's url.Values order (sorted), as Kratos's logout_url has them.
        var url = new Uri(options.PublicBaseUrl, "self-service/logout") + "?"
                  + (target.Length > 0 ? "return_to=" + Uri.EscapeDataString(target) + "&" : "") + "token=" + token;
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("logout_token", token);
            w.WriteString("logout_url", url);
            w.WriteEndObject();
        });
    }

    static async Task<IResult> LogoutAsync(HttpContext context, SessionAuthenticator authenticator, SessionStore store, SessionCookie cookie,
        ReturnTo returnTo, SessionOptions options, TimeProvider time)
    {
        var logoutToken = context.Request.Query["token"].ToString();
        if (logoutToken.Length == 0)
        {
            return new ApiErrorResult(ApiErrors.BadRequest("Please include a token in the URL query."));
        }

        var auth = await authenticator.AuthenticateAsync(context).ConfigureAwait(false);
        if (auth.Session is not { } session)
        {
            return new ApiErrorResult(SessionErrors.SessionInactive());
        }

        if (!SessionToken.Matches(logoutToken, session.LogoutTokenHash))
        {
            return new ApiErrorResult(SessionErrors.LogoutTokenMismatch());
        }

        var target = context.Request.Query["return_to"].ToString();
        var allowedTarget = target.Length > 0 ? returnTo.Resolve(target) : null;
        if (target.Length > 0 && allowedTarget is null)
        {
            return new ApiErrorResult(ApiErrors.ReturnToForbidden(target));
        }

        await store.RevokeAsync(session.Id, null, time.GetUtcNow().UtcDateTime, context.RequestAborted).ConfigureAwait(false);
        cookie.Delete(context.Response);
        if (options.LogoutClearBrowserData && context.Request.IsHttps)
        {
            context.Response.Headers["Clear-Site-Data"] = "\"cookies\", \"storage\", \"cache\"";
        }

        if (ClientKind.IsJsonRequest(context.Request))
        {
            return Results.NoContent();
        }

        var location = allowedTarget is not null ? allowedTarget.ToString()
            : options.LogoutReturnUrl is { Length: > 0 } logoutUrl ? logoutUrl
            : options.DefaultBrowserReturnUrl is { Length: > 0 } defaultUrl ? defaultUrl
            : options.PublicBaseUrl.ToString();
        context.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    static async Task<IResult> NativeAsync(HttpContext context, SessionStore store, TimeProvider time)
    {
        var (body, error) = await RequestJson.ReadAsync(context).ConfigureAwait(false);
        if (error is not null)
        {
            return new ApiErrorResult(error);
        }

        if (body is not System.Text.Json.Nodes.JsonObject o || o["session_token"] is not System.Text.Json.Nodes.JsonValue v
            || v.GetValueKind() != System.Text.Json.JsonValueKind.String || v.GetValue<string>().Length == 0)
        {
            return new ApiErrorResult(ApiErrors.BadRequest("The request body must be a JSON object with a session_token string."));
        }

        var revoked = await store.RevokeByTokenHashAsync(SessionToken.Hash(v.GetValue<string>()), time.GetUtcNow().UtcDateTime, context.RequestAborted)
            .ConfigureAwait(false);
        return revoked ? Results.NoContent() : new ApiErrorResult(SessionErrors.UnknownSessionToken());
    }

    static readonly string[] JsonOffers = ["text/html", "text/*", "*/*", "application/json"];

    /// <summary>
    /// Kratos's "JSON request" (§1.2): <c>Content-Type: application/json</c>, or content negotiation of <c>Accept</c> over
    /// text/html, text/*, */*, application/json (default text/html) picks application/json.
    /// </summary>


    static (string Value, double Q) ParseSpec(string spec)
    {
        var parts = spec.Split(';', StringSplitOptions.TrimEntries);
        var q = 1.0;
        foreach (var parameter in parts.Skip(1))
        {
            if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                && !double.TryParse(parameter[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out q))
            {
                q = 0;
            }
        }

        return (parts[0], q);
    }
}
