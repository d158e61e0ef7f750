using Microsoft.AspNetCore.Diagnostics;
using Tessera.Errors;

namespace Tessera.Hosting;

/// <summary>
/// The edge where failures become Kratos's generic error: exceptions (logged, answered as 500 without internals),
/// Kestrel's own rejections (413 body too large, 400 bad request), and empty 404/405 answers from routing.
/// </summary>
internal static class ErrorHandling
{
    public static void UseKratosErrors(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                var error = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? ApiErrors.PayloadTooLarge(TesseraApp.MaxBodyBytes)
                    : new ApiError(e.StatusCode, "The request was malformed or contained invalid parameters", Reason: e.Message);
                await ApiErrorResult.WriteAsync(context, error).ConfigureAwait(false);
            }
            catch (InvalidDataException e) when (!context.Response.HasStarted)
            {
                // A body that breaks the server's own reading limits (form field counts, lengths) is the client's error.
                context.Response.Clear();
                await ApiErrorResult.WriteAsync(context, ApiErrors.BadRequest(e.Message)).ConfigureAwait(false);
            }
            catch (Security.CipherException e) when (!context.Response.HasStarted)
            {
                // A stored secret that no configured key opens: Kratos's cipher error, never the internals.
                context.Response.Clear();
                await ApiErrorResult.WriteAsync(context, e.Error).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // the client went away; nothing to answer
            }
            catch (Exception e) when (!context.Response.HasStarted)
            {
                Log.UnhandledException(app.Logger, context.Request.Method, context.Request.Path, e);
                context.Response.Clear();
                await ApiErrorResult.WriteAsync(context, ApiErrors.Internal()).ConfigureAwait(false);
            }
        });

        app.UseStatusCodePages(async statusContext =>
        {
            var context = statusContext.HttpContext;
            var error = context.Response.StatusCode switch
            {
                404 => ApiErrors.NotFound("The requested resource could not be found"),
                405 => ApiErrors.MethodNotAllowed(),
                415 => ApiErrors.UnsupportedMediaType(context.Request.ContentType),
                var code => new ApiError(code, "The request could not be handled"),
            };
            await ApiErrorResult.WriteAsync(context, error).ConfigureAwait(false);
        });
    }
}
