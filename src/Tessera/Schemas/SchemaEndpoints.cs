using System.Globalization;
using Tessera.Errors;
using Tessera.Hosting;

namespace Tessera.Schemas;

/// <summary><c>GET /schemas</c> and <c>GET /schemas/{id}</c>, on the public listener and under <c>/admin</c>.</summary>
internal static class SchemaEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, string prefix)
    {
        routes.MapGet(prefix + "/schemas", static (HttpContext context, SchemaRegistry registry) => List(context, registry));
        routes.MapGet(prefix + "/schemas/{id}", static (string id, SchemaRegistry registry) => Get(id, registry));
    }

    static IResult List(HttpContext context, SchemaRegistry registry)
    {
        if (!LegacyPage.TryParse(context.Request.Query, 250, 1000, out var page, out var error))
        {
            return new ApiErrorResult(error!);
        }

        var items = registry.All.Skip(page.Page * page.PerPage).Take(page.PerPage).ToList();
        var response = new JsonResponse(200, w =>
        {
            w.WriteStartArray();
            foreach (var schema in items)
            {
                w.WriteStartObject();
                w.WriteString("id", schema.Id);
                w.WritePropertyName("schema");
                schema.Document.WriteTo(w);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        response.WithHeader("X-Total-Count", registry.All.Count.ToString(CultureInfo.InvariantCulture));
        response.WithHeader("Link", page.LinkHeader(context.Request, registry.All.Count));
        return response;
    }

    static IResult Get(string id, SchemaRegistry registry)
    {
        var schema = registry.Find(id);
        return schema is null
            ? new ApiErrorResult(ApiErrors.NotFound($"Identity schema `{id}` could not be found."))
            : new JsonResponse(200, w => schema.Document.WriteTo(w));
    }
}
