using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Json;

/// <summary>A parsed RFC 6902 patch: an ordered list of operations, validated for shape but not yet applied.</summary>
internal sealed class JsonPatchDocument
{
    private JsonPatchDocument(IReadOnlyList<JsonPatchOperation> operations) => Operations = operations;

    public IReadOnlyList<JsonPatchOperation> Operations { get; }

    public static bool TryParse(JsonElement patch, [NotNullWhen(true)] out JsonPatchDocument? document, [NotNullWhen(false)] out string? error)
    {
        if (patch.ValueKind != JsonValueKind.Array)
        {
            document = null;
            error = "a JSON patch must be an array of operations";
            return false;
        }

        JsonArray array;
        try
        {
            array = JsonArray.Create(patch)!;
        }
        catch (InvalidOperationException e)
        {
            document = null;
            error = $"a JSON patch could not be read: {e.Message}";
            return false;
        }

        return TryParse(array, out document, out error);
    }

    public static bool TryParse(JsonNode? patch, [NotNullWhen(true)] out JsonPatchDocument? document, [NotNullWhen(false)] out string? error)
    {
        document = null;
        if (patch is not JsonArray array)
        {
            error = "a JSON patch must be an array of operations";
            return false;
        }

        var operations = new List<JsonPatchOperation>(array.Count);
        try
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (!TryParseOperation(i, array[i], out var operation, out error))
                {
                    return false;
                }

                operations.Add(operation);
            }
        }
        catch (ArgumentException e)
        {
            // A node parsed from text with duplicate member names throws when first enumerated.
            error = $"a JSON patch could not be read: {e.Message}";
            return false;
        }

        document = new JsonPatchDocument(operations);
        error = null;
        return true;
    }

    private static bool TryParseOperation(int index, JsonNode? node, [NotNullWhen(true)] out JsonPatchOperation? operation, [NotNullWhen(false)] out string? error)
    {
        operation = null;
        if (node is not JsonObject obj)
        {
            error = $"operation {index}: must be a JSON object";
            return false;
        }

        if (!TryGetString(obj, "op", index, out var op, out error))
        {
            return false;
        }

        JsonPatchOperationType type;
        switch (op)
        {
            case "add": type = JsonPatchOperationType.Add; break;
            case "remove": type = JsonPatchOperationType.Remove; break;
            case "replace": type = JsonPatchOperationType.Replace; break;
            case "move": type = JsonPatchOperationType.Move; break;
            case "copy": type = JsonPatchOperationType.Copy; break;
            case "test": type = JsonPatchOperationType.Test; break;
            default:
                error = $"operation {index}: unknown op \"{op}\"";
                return false;
        }

        if (!TryGetString(obj, "path", index, out var pathText, out error))
        {
            return false;
        }

        if (!JsonPointer.TryParse(pathText, out var path, out var pointerError))
        {
            error = $"operation {index} ({op}): invalid \"path\": {pointerError}";
            return false;
        }

        JsonPointer? from = null;
        if (type is JsonPatchOperationType.Move or JsonPatchOperationType.Copy)
        {
            if (!TryGetString(obj, "from", index, out var fromText, out error))
            {
                return false;
            }

            if (!JsonPointer.TryParse(fromText, out from, out pointerError))
            {
                error = $"operation {index} ({op}): invalid \"from\": {pointerError}";
                return false;
            }
        }

        JsonNode? value = null;
        if (type is JsonPatchOperationType.Add or JsonPatchOperationType.Replace or JsonPatchOperationType.Test)
        {
            // RFC 6902 §4.1: "value" is required; an explicit null is a valid value, absence is not.
            if (!obj.TryGetPropertyValue("value", out var raw))
            {
                error = $"operation {index} ({op}): missing member \"value\"";
                return false;
            }

            value = raw?.DeepClone();
        }

        // RFC 6902 §4: members not defined for the operation are ignored.
        operation = new JsonPatchOperation(index, type, path, from, value);
        error = null;
        return true;
    }

    private static bool TryGetString(JsonObject obj, string member, int index, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        if (!obj.TryGetPropertyValue(member, out var node))
        {
            error = $"operation {index}: missing member \"{member}\"";
            return false;
        }

        if (node is not JsonValue jsonValue || jsonValue.GetValueKind() != JsonValueKind.String || !jsonValue.TryGetValue(out value))
        {
            error = $"operation {index}: member \"{member}\" must be a string";
            return false;
        }

        error = null;
        return true;
    }
}
