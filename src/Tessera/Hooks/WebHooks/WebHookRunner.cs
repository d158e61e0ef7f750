using Tessera.Config;
using Tessera.Errors;
using Tessera.Requests;

namespace Tessera.Hooks.WebHooks;

/// <summary>
/// Runs web hooks as Kratos's <c>web_hook</c> executor does (API.md §12.2): the body template is evaluated with
/// <c>ctx</c>, the request sent with <c>Ory-Webhook-Request-ID</c> (per attempt) and <c>Ory-Webhook-Trigger-ID</c> (per
/// call), and the answer judged. Hooks with <c>response.ignore</c> go out in the background and never hold up or fail
/// the flow; the others run in order and the first refusal or failure ends the run.
/// </summary>
internal sealed class WebHookRunner(WebHookCatalog catalog, WebHookClient client, TesseraConfig config, TimeProvider time, ILogger<WebHookRunner> logger)
{
    public WebHookCatalog Catalog => catalog;

    /// <summary>Runs <paramref name="hooks"/> in order for <paramref name="trigger"/>.</summary>
    /// <param name="ct">the request's token; post-persist hooks pass none, as Kratos decouples them from the request.</param>
    public async Task<WebHookResult> RunAsync(IReadOnlyList<WebHookOptions> hooks, WebHookTrigger trigger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        ArgumentNullException.ThrowIfNull(trigger);
        var changed = false;
        IReadOnlyList<Identities.AddressInput>? addresses = null;
        foreach (var hook in hooks)
        {
            // The context is taken now: a later hook sees what an earlier parsing hook changed.
            var context = trigger.ToContextJson(catalog.HeaderAllowlist, config.Public.BaseUrl, time.GetUtcNow().UtcDateTime);
            if (hook.Ignore)
            {
                _ = Task.Run(() => RunInBackgroundAsync(hook, context), CancellationToken.None);
                continue;
            }

            var result = await SendAsync(hook, context, trigger.Identity, ct).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return result;
            }

            changed |= result.IdentityChanged;
            addresses = result.VerifiableAddresses ?? addresses;
        }

        return changed ? new WebHookResult { IdentityChanged = true, VerifiableAddresses = addresses } : WebHookResult.Passed;
    }

    async Task RunInBackgroundAsync(WebHookOptions hook, string context)
    {
        try
        {
            // Bounded by the client's timeout and retries; not by the request, which may be answered already.
            await SendAsync(hook, context, null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.BackgroundCrashed(logger, hook.Name, e);
        }
    }

    async Task<WebHookResult> SendAsync(WebHookOptions hook, string context, Identities.Identity? identity, CancellationToken ct)
    {
        var request = hook.Request;
        var host = request.Url.Host;
        byte[]? body = null;
        // Kratos sends a body with every method but TRACE, and only when a template makes one.
        if (hook.Body is { } template && request.Method != "TRACE")
        {
            var made = template.Evaluate(context, request.IsForm, ct);
            if (made.IsCancelled)
            {
                Log.Cancelled(logger, hook.Name);
                return WebHookResult.Passed;
            }

            if (made.Error is { } templateError)
            {
                return Fail(hook, host, templateError, ApiErrors.Internal());
            }

            body = made.Content;
        }

        var triggerId = Guid.NewGuid().ToString();
        var reply = await client.SendAsync(() =>
        {
            var outgoing = request.NewRequest(name => Log.HeaderSkipped(logger, hook.Name, name));
            if (hook.EmitAnalyticsEvent)
            {
                // Kratos sets these in the hook that also emits the analytics events, so they go only when those are on.
                outgoing.Headers.TryAddWithoutValidation("Ory-Webhook-Request-ID", Guid.NewGuid().ToString());
                outgoing.Headers.TryAddWithoutValidation("Ory-Webhook-Trigger-ID", triggerId);
            }

            if (body is not null)
            {
                outgoing.Content = new ByteArrayContent(body);
                outgoing.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }

            return outgoing;
        }, ct).ConfigureAwait(false);

        if (reply.Error is { } transport)
        {
            return Fail(hook, host, (reply.TimedOut ? "timed out: " : "could not be reached: ") + transport.Message,
                ApiErrors.UpstreamUnreachable(reply.TimedOut));
        }

        if (reply.Status >= 400)
        {
            // Kratos gives up on an answer it kept retrying (5xx, 429) without reading it.
            if (hook.PrePersist && !reply.GaveUp)
            {
                if (WebHookAnswer.Messages(reply.Body) is { } messages)
                {
                    Log.Refused(logger, hook.Name, host, reply.Status);
                    return WebHookResult.Vetoed(messages);
                }

                return Fail(hook, host, $"answered {reply.Status} without the messages an interrupting hook must send",
                    ApiErrors.UpstreamImproper($"webhook failed with status code {reply.Status}"));
            }

            return Fail(hook, host, $"answered {reply.Status}", ApiErrors.UpstreamImproper($"webhook failed with status code {reply.Status}"));
        }

        Log.Succeeded(logger, hook.Name, host, reply.Status);
        if (!hook.Parse || reply.Status != 200)
        {
            return WebHookResult.Passed;
        }

        return WebHookAnswer.ApplyIdentity(reply.Body, identity)
               ?? Fail(hook, host, "answered 200 with a body that is not {\"identity\": {…}}",
                   ApiErrors.UpstreamImproper("webhook response could not be unmarshalled properly from JSON"));

        WebHookResult Fail(WebHookOptions failed, string target, string reason, ApiError error)
        {
            if (failed.Ignore)
            {
                Log.IgnoredFailure(logger, failed.Name, target, reason);
            }
            else
            {
                Log.Failed(logger, failed.Name, target, reason);
            }

            return WebHookResult.Failed(error);
        }
    }
}
