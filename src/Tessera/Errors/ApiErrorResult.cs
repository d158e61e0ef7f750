using System.Text.Json;
using Tessera.Hosting;
using Microsoft.AspNetCore.WebUtilities;

namespace Tessera.Errors;

/// <summary>Writes an <see cref="ApiError"/> as Kratos does: status, <c>Ory-Error-Id</c>, and the envelope.</summary>
internal sealed class ApiErrorResult(ApiError error) : IResult
{
    public ApiError Error { get; } = error;

    /// <summary>
    /// Kratos's extended envelopes (<c>needsPrivilegedSessionError</c>, <c>errorAuthenticatorAssuranceLevelNotSatisfied</c>):
    /// a <c>redirect_browser_to</c> beside <c>error</c>; null for the plain envelope.
    /// </summary>
    public string? RedirectBrowserTo { get; init; }

    public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, Error, RedirectBrowserTo);

    public static async Task WriteAsync(HttpContext context, ApiError error, string? redirectBrowserTo = null)
    {
        var response = context.Response;
        response.StatusCode = error.Code;
        response.ContentType = "application/json";
        if (error.Id is not null)
        {
            response.Headers["Ory-Error-Id"] = error.Id;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("error");
            WriteBody(writer, error, context.Request.Headers["X-Request-ID"].ToString());
            if (redirectBrowserTo is not null)
            {
                writer.WriteString("redirect_browser_to", redirectBrowserTo);
            }

            writer.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }

    public static void WriteBody(Utf8JsonWriter writer, ApiError error, string? requestId)
    {
        writer.WriteStartObject();
        if (error.Id is not null)
        {
            writer.WriteString("id", error.Id);
        }

        writer.WriteNumber("code", error.Code);
        writer.WriteString("status", ReasonPhrases.GetReasonPhrase(error.Code));
        if (!string.IsNullOrEmpty(requestId))
        {
            writer.WriteString("request", requestId);
        }

        if (!string.IsNullOrEmpty(error.Reason))
        {
            writer.WriteString("reason", error.Reason);
        }

        writer.WriteString("message", error.Message);
        if (error.Details is { Count: > 0 })
        {
            writer.WritePropertyName("details");
            error.Details.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
