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
}
