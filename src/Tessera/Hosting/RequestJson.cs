using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Errors;

namespace Tessera.Hosting;

/// <summary>Reads a JSON request body; a wrong content type, a body over the limit or malformed JSON become Kratos errors.</summary>
internal static class RequestJson
{
    public static async Task<(JsonNode? Node, ApiError? Error)> ReadAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType;
        if (!string.IsNullOrEmpty(contentType) && !IsJson(contentType))
        {
            return (null, ApiErrors.UnsupportedMediaType(contentType));
        }

        try
        {
            var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            return node is null
                ? (null, ApiErrors.BadRequest("The request body must not be the JSON value null."))
                : (node, null);
        }
        catch (JsonException e)
        {
            return (null, ApiErrors.BadRequest($"Unable to decode JSON payload: {e.Message}"));
        }
    }

    static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
               || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
