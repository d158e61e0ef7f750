using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Requests;

namespace Tessera.Courier;

/// <summary>
/// A channel that posts each message to an HTTP endpoint (<c>courier.delivery_strategy: http</c> for email,
/// <c>courier.channels</c> for SMS). The body is the channel's Jsonnet <c>body</c> template evaluated with Kratos's <c>ctx</c>,
/// else Kratos's default template's output; any 2xx answer means delivered.
/// </summary>
internal sealed class HttpChannel(string id, RequestOptions request, RequestBody? template, HttpClient http, ILogger logger) : ICourierChannel
{
    const int LoggedBodyBytes = 1024;

    // The template's own error text is not kept: it may quote ctx, which holds the message (codes included).
    const string RenderFailed = "failed to render the HTTP request body";

    public string Id => id;

    public async Task<DeliveryOutcome> DeliverAsync(CourierMessage message, CancellationToken ct)
    {
        var (outgoing, refused) = Build(message, ct);
        if (refused is not null)
        {
            return refused;
        }

        using var sent = outgoing!;
        try
        {
            using var response = await http.SendAsync(sent, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return DeliveryOutcome.Success;
            }

            Log.HttpDeliveryRefused(logger, message.Id, id, status, await ReadStartAsync(response, ct).ConfigureAwait(false));
            return DeliveryOutcome.Failed("failed to send message via http",
                $"unable to dispatch mail delivery because upstream server replied with status code {status}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            return DeliveryOutcome.Failed("failed to send message via http", e.Message);
        }
        catch (OperationCanceledException)
        {
            return DeliveryOutcome.Failed("failed to send message via http", "the HTTP endpoint did not answer within the time allowed for one attempt");
        }
    }

    /// <summary>The request for <paramref name="message"/>, or why it is not sent: a template that cancels (Kratos's
    /// <c>error "cancel"</c>) or fails does so for every attempt, so the message is abandoned at once.</summary>
    internal (HttpRequestMessage? Request, DeliveryOutcome? Refused) Build(CourierMessage message, CancellationToken ct = default)
    {
        HttpContent? content = null;
        // Kratos sends a body with every method but TRACE.
        if (request.Method != "TRACE")
        {
            if (template is null)
            {
                var body = DefaultBody(message);
                content = request.IsForm
                    ? new FormUrlEncodedContent(body.Select(p => new KeyValuePair<string, string>(p.Key, FormValue(p.Value))))
                    : new ByteArrayContent(Serialize(body));
            }
            else
            {
                var result = template.Evaluate(Context(message).ToJsonString(), request.IsForm, ct);
                if (result.IsCancelled)
                {
                    return (null, DeliveryOutcome.Failed(RenderFailed, "the body template cancelled the message", permanent: true));
                }

                if (result.Error is { } error)
                {
                    return (null, DeliveryOutcome.Failed(RenderFailed, error, permanent: true));
                }

                content = new ByteArrayContent(result.Content!);
            }
        }

        var outgoing = request.NewRequest(name => Log.HttpHeaderSkipped(logger, id, name));
        if (content is not null)
        {
            outgoing.Content = content;
            outgoing.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }

        return (outgoing, null);
    }

    /// <summary>The <c>ctx</c> Kratos gives a courier body template.</summary>
    internal static JsonObject Context(CourierMessage message)
    {
        var ctx = new JsonObject
        {
            ["recipient"] = message.Recipient,
            ["subject"] = message.Subject,
            ["body"] = message.Body,
            ["template_type"] = message.TemplateType,
            ["template_data"] = message.TemplateData.DeepClone(),
            ["message_type"] = message.Type.Wire(),
            // Tessera does not keep the headers of the request that queued the message.
            ["request_headers"] = null,
        };
        if (message.HtmlBody is { } html)
        {
            ctx["html_body"] = html;
        }

        return ctx;
    }

    /// <summary>What Kratos's default body template makes of a message: its fields and five template variables, null when absent.</summary>
    internal static JsonObject DefaultBody(CourierMessage message)
    {
        JsonNode? Data(string name) => message.TemplateData.TryGetPropertyValue(name, out var value) ? value?.DeepClone() : null;

        // Jsonnet writes object fields in sorted order; so does this.
        return new JsonObject
        {
            ["body"] = message.Body,
            ["recipient"] = message.Recipient,
            ["recovery_code"] = Data("recovery_code"),
            ["recovery_url"] = Data("recovery_url"),
            ["subject"] = message.Subject,
            ["template_type"] = message.TemplateType,
            ["to"] = Data("to"),
            ["verification_code"] = Data("verification_code"),
            ["verification_url"] = Data("verification_url"),
        };
    }

    static byte[] Serialize(JsonObject body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Hosting.JsonWriting.Options))
        {
            body.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    // Kratos decodes the template's output into string values for a form; null becomes the empty string.
    static string FormValue(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };

    static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var buffer = new byte[LoggedBodyBytes];
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct).ConfigureAwait(false)) > 0)
        {
            read += n;
        }

        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
