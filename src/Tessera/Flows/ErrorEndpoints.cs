using Tessera.Errors;
using Tessera.Hosting;

namespace Tessera.Flows;

/// <summary><c>GET /self-service/errors?id=</c>: what the error UI shows; <c>stub:500</c> is a canned error for UI work.</summary>
internal static class ErrorEndpoints
{
    public static void MapPublic(IEndpointRouteBuilder routes) =>
        routes.MapGet("/self-service/errors", static (HttpContext context, ErrorContainerStore store) => GetAsync(context, store));

    static async Task<IResult> GetAsync(HttpContext context, ErrorContainerStore store)
    {
        var id = context.Request.Query["id"].ToString();
        if (id == "stub:500")
        {
            var stub = ApiErrors.Internal().WithReason("This is a stub error.");
            return new JsonResponse(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WritePropertyName("error");
                ApiErrorResult.WriteBody(w, stub, null);
                w.WriteEndObject();
            });
        }

        if (!Guid.TryParse(id, out var guid))
        {
            return new ApiErrorResult(ApiErrors.BadRequest("The error id query parameter is missing or malformed."));
        }

        var found = await store.GetAsync(guid, context.RequestAborted).ConfigureAwait(false);
        if (found is not { } entry)
        {
            return new ApiErrorResult(ApiErrors.NotFound("The requested error could not be found."));
        }

        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("id", guid);
            w.WritePropertyName("error");
            entry.Error.WriteTo(w);
            w.WriteString("created_at", entry.CreatedAt);
            w.WriteString("updated_at", entry.CreatedAt);
            w.WriteEndObject();
        });
    }
}
