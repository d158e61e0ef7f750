using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Errors;

namespace Tessera.Flows;

/// <summary>
/// Reads a self-service submission (JSON, form or query) into one JSON object as Kratos decodes it: dotted keys
/// expanded (<c>traits.email</c> → <c>{"traits":{"email":…}}</c>) and empty strings treated as absent.
/// </summary>
internal static class FlowPayload
{
    public static async Task<(JsonObject? Payload, ApiError? Error)> ReadAsync(HttpRequest request)
    {
        var result = new JsonObject();
        if (HttpMethods.IsGet(request.Method))
        {
            foreach (var (key, values) in request.Query)
            {
                if (key != "flow")
                {
                    Set(result, key, Value(values));
                }
            }

            return (result, null);
        }

        var mediaType = (request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is "application/x-www-form-urlencoded" or "multipart/form-data")
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                // Kestrel's form limits (field count, key and value length) refuse the body before it is read in full.
                return (null, ApiErrors.BadRequest("Unable to decode the form: " + e.Message));
            }

            foreach (var (key, values) in form)
            {
                Set(result, key, Value(values));
            }

            return (result, null);
        }

        if (mediaType is "application/json" or "")
        {
            JsonNode? node;
            try
            {
                node = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                return (null, ApiErrors.BadRequest($"Unable to decode JSON payload: {e.Message}"));
            }

            if (node is not JsonObject json)
            {
                return (null, ApiErrors.BadRequest("Unable to decode JSON payload: the body must be a JSON object."));
            }

            foreach (var (key, value) in json.ToList())
            {
                json.Remove(key);
                Set(result, key, value);
            }

            return (result, null);
        }

        return (null, ApiErrors.UnsupportedMediaType(request.ContentType));
    }

    static JsonNode? Value(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>Sets a possibly dotted key, merging into objects already there; empty strings are dropped.</summary>
    static void Set(JsonObject target, string key, JsonNode? value)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0)
        {
            return;
        }

        var parts = key.Split('.');
        var current = target;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (current[parts[i]] is not JsonObject child)
            {
                child = new JsonObject();
                current[parts[i]] = child;
            }

            current = child;
        }

        var last = parts[^1];
        if (value is JsonObject obj && current[last] is JsonObject existing)
        {
            foreach (var (k, child) in obj.ToList())
            {
                obj.Remove(k);
                Set(existing, k, child);
            }
        }
        else if (value is JsonObject nested)
        {
            var fresh = new JsonObject();
            current[last] = fresh;
            foreach (var (k, child) in nested.ToList())
            {
                nested.Remove(k);
                Set(fresh, k, child);
            }
        }
        else
        {
            current[last] = value;
        }
    }

    public static string? String(JsonObject payload, string name) =>
        payload[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
