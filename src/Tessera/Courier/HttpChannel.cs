using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Jsonnet;

namespace Tessera.Courier;

/// <summary>
/// A channel that posts each message to an HTTP endpoint (<c>courier.delivery_strategy: http</c> for email,
/// <c>courier.channels</c> for SMS). The body is the request config's Jsonnet template evaluated with <c>ctx</c>, as
/// Kratos does; any 2xx answer means delivered.
/// </summary>
/// <remarks>
/// A template that fails (its own <c>error</c>, an assertion, or any runtime error) abandons the message at once: the
/// same template and message fail the same way every time, so retrying would only delay the failure.
/// </remarks>
internal sealed class HttpChannel(string id, CourierRequestOptions request, HttpClient http, ILogger logger) : ICourierChannel
{
    const int LoggedBodyBytes = 1024;

    public string Id => id;

    public async Task<DeliveryOutcome> DeliverAsync(CourierMessage message, CancellationToken ct)
    {
        HttpRequestMessage built;
        try
        {
            built = Build(message, ct);
        }
        catch (JsonnetException e)
        {
            return DeliveryOutcome.Failed("failed to render the HTTP request body", e.Message, permanent: true);
        }

        using var outgoing = built;
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

    /// <exception cref="JsonnetException">The body template failed, or gave a form body that is not a flat object of strings.</exception>
    internal HttpRequestMessage Build(CourierMessage message, CancellationToken ct)
    {
        var outgoing = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        string? contentType = null;
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else if (!outgoing.Headers.TryAddWithoutValidation(name, value))
            {
                Log.HttpHeaderSkipped(logger, id, name);
            }
        }

        if (request.BasicAuth is { } basic)
        {
            outgoing.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(basic.User + ":" + basic.Password)));
        }

        if (request.ApiKey is { } key)
        {
            if (key.InCookie)
            {
                outgoing.Headers.TryAddWithoutValidation("Cookie", key.Name + "=" + key.Value);
            }
            else
            {
                outgoing.Headers.Remove(key.Name);
                outgoing.Headers.TryAddWithoutValidation(key.Name, key.Value);
            }
        }

        // Kratos sends a body with every method but TRACE.
        if (request.Method != "TRACE")
        {
            var body = RenderBody(message, ct);
            outgoing.Content = CourierRequestOptions.IsForm(contentType) ? new FormUrlEncodedContent(FormFields(body)) : new ByteArrayContent(Serialize(body));
            outgoing.Content.Headers.TryAddWithoutValidation("Content-Type", contentType ?? "application/json");
        }

        return outgoing;
    }

    /// <summary>The body template's value for this message.</summary>
    JsonNode? RenderBody(CourierMessage message, CancellationToken ct)
    {
        var inputs = new JsonnetInputs { TlaCodes = new Dictionary<string, string> { ["ctx"] = Context(message).ToJsonString() } };
        return JsonNode.Parse(request.Body.Evaluate(inputs, ct));
    }

    /// <summary>The <c>ctx</c> Kratos hands the template (its courier <c>httpDataModel</c>).</summary>
    internal static JsonObject Context(CourierMessage message) => new()
    {
        ["recipient"] = message.Recipient,
        ["subject"] = message.Subject,
        ["body"] = message.Body,
        ["template_type"] = message.TemplateType,
        ["template_data"] = message.TemplateData.DeepClone(),
        ["message_type"] = message.Type.Wire(),
    };

    static byte[] Serialize(JsonNode? body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Hosting.JsonWriting.Options))
        {
            if (body is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                body.WriteTo(writer);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Kratos decodes the template's output into a map of strings for a form: a null value becomes the empty string,
    /// anything else that is not a string fails the message.
    /// </summary>
    static List<KeyValuePair<string, string>> FormFields(JsonNode? body)
    {
        if (body is not JsonObject fields)
        {
            throw new JsonnetException("the body template must give an object of strings for an application/x-www-form-urlencoded request");
        }

        return
        [
            .. fields.Select(p => new KeyValuePair<string, string>(p.Key, p.Value switch
            {
                null => "",
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                _ => throw new JsonnetException(
                    $"the body template must give an object of strings for an application/x-www-form-urlencoded request; \"{p.Key}\" is {p.Value.GetValueKind().ToString().ToLowerInvariant()}"),
            })),
        ];
    }

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
