using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Requests;

namespace Tessera.Courier;

/// <summary>
/// A channel that posts each message to an HTTP endpoint (<c>courier.delivery_strategy: http</c> for email,
/// <c>courier.channels</c> for SMS). The body is Kratos's default template's output; any 2xx answer means delivered.
/// </summary>
internal sealed class HttpChannel(string id, RequestOptions request, HttpClient http, ILogger logger) : ICourierChannel
{
    const int LoggedBodyBytes = 1024;

    public string Id => id;

    public async Task<DeliveryOutcome> DeliverAsync(CourierMessage message, CancellationToken ct)
    {
        using var outgoing = Build(message);
        try
        {
            using var response = await http.SendAsync(outgoing, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
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

    internal HttpRequestMessage Build(CourierMessage message)
    {
        var outgoing = request.NewRequest(name => Log.HttpHeaderSkipped(logger, id, name));

        // Kratos sends a body with every method but TRACE.
        if (request.Method != "TRACE")
        {
            var body = DefaultBody(message);
            outgoing.Content = request.IsForm
                ? new FormUrlEncodedContent(body.Select(p => new KeyValuePair<string, string>(p.Key, FormValue(p.Value))))
                : new ByteArrayContent(Serialize(body));
            outgoing.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }

        return outgoing;
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
