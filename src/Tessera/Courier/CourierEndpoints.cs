using System.Globalization;
using System.Text;
using Microsoft.Extensions.Primitives;
using Tessera.Config;
using Tessera.Errors;
using Tessera.Hosting;

namespace Tessera.Courier;

/// <summary>The admin courier API (<c>/admin/courier/messages…</c>), as Kratos's listCourierMessages and getCourierMessage answer.</summary>
internal static class CourierEndpoints
{
    const int DefaultPageSize = 10;
    const int MaxPageSize = 1000;

    public static void MapAdmin(RouteGroupBuilder admin)
    {
        admin.MapGet("/courier/messages", static (HttpContext c, CourierStore store, TesseraConfig config) => ListAsync(c, store, config));
        admin.MapGet("/courier/messages/{id}", static (string id, HttpContext c, CourierStore store, TesseraConfig config) => GetAsync(id, c, store, config));
    }

    static async Task<IResult> ListAsync(HttpContext context, CourierStore store, TesseraConfig config)
    {
        var query = context.Request.Query;
        CourierMessageStatus? status = null;
        if (query.TryGetValue("status", out var statusValue))
        {
            if (!CourierMessageStatusNames.TryParse(statusValue.ToString(), out var parsed))
            {
                return new ApiErrorResult(ApiErrors.BadRequest(
                    $"Message status is not valid: \"{statusValue}\" is not one of queued, processing, sent, abandoned."));
            }

            status = parsed;
        }

        var recipient = query.TryGetValue("recipient", out var r) && !StringValues.IsNullOrEmpty(r) ? r.ToString() : null;
        var pageSize = DefaultPageSize;
        if (query.TryGetValue("page_size", out var ps) && !StringValues.IsNullOrEmpty(ps)
            && (!int.TryParse(ps, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1))
        {
            return new ApiErrorResult(ApiErrors.BadRequest("The page_size parameter must be a positive integer."));
        }

        pageSize = Math.Min(pageSize, MaxPageSize);
        CourierPageToken? after = null;
        if (query.TryGetValue("page_token", out var token) && !StringValues.IsNullOrEmpty(token)
            && !CourierPageToken.TryDecode(token.ToString(), out after))
        {
            return new ApiErrorResult(ApiErrors.BadRequest("The page_token parameter is invalid."));
        }

        // One extra row tells whether a next page exists without a COUNT.
        var rows = await store.ListAsync(new CourierListQuery(pageSize + 1, status, recipient, after), context.RequestAborted).ConfigureAwait(false);
        var hasNext = rows.Count > pageSize;
        if (hasNext)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        // Kratos's list carries no dispatches; a single message does.
        var response = new JsonResponse(200, w =>
        {
            w.WriteStartArray();
            foreach (var message in rows)
            {
                CourierJson.Write(w, message, redact: !config.Dev);
            }

            w.WriteEndArray();
        });
        var link = new StringBuilder();
        link.Append(CultureInfo.InvariantCulture, $"<{PageUrl(context.Request, status, recipient, pageSize, null)}>; rel=\"first\"");
        if (hasNext)
        {
            var next = new CourierPageToken(rows[^1].CreatedAt, rows[^1].Id).Encode();
            link.Append(CultureInfo.InvariantCulture, $",<{PageUrl(context.Request, status, recipient, pageSize, next)}>; rel=\"next\"");
        }

        return response.WithHeader("Link", link.ToString());
    }

    /// <summary>A page link keeps the filters, so following <c>next</c> stays within them.</summary>
    static string PageUrl(HttpRequest request, CourierMessageStatus? status, string? recipient, int pageSize, string? token)
    {
        var url = new StringBuilder();
        url.Append(request.PathBase).Append(request.Path).Append(CultureInfo.InvariantCulture, $"?page_size={pageSize}");
        if (token is not null)
        {
            url.Append("&page_token=").Append(token);
        }

        if (status is { } s)
        {
            url.Append("&status=").Append(s.Wire());
        }

        if (recipient is not null)
        {
            url.Append("&recipient=").Append(Uri.EscapeDataString(recipient));
        }

        return url.ToString();
    }

    static async Task<IResult> GetAsync(string id, HttpContext context, CourierStore store, TesseraConfig config)
    {
        if (!Guid.TryParse(id, out var messageId))
        {
            return new ApiErrorResult(ApiErrors.BadRequest($"The message id \"{id}\" is not a valid UUID."));
        }

        var message = await store.GetAsync(messageId, context.RequestAborted).ConfigureAwait(false);
        return message is null
            ? new ApiErrorResult(ApiErrors.ResourceNotFound())
            : new JsonResponse(200, w => CourierJson.Write(w, message, redact: !config.Dev));
    }
}
