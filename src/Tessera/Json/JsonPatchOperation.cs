using System.Text.Json.Nodes;

namespace Tessera.Json;

/// <summary>One parsed RFC 6902 operation. <see cref="Value"/> is a detached node owned by the patch.</summary>
internal sealed class JsonPatchOperation
{
    internal JsonPatchOperation(int index, JsonPatchOperationType type, JsonPointer path, JsonPointer? from, JsonNode? value)
    {
        Index = index;
        Type = type;
        Path = path;
        From = from;
        Value = value;
    }

    /// <summary>Position of the operation in the patch array, used in error messages.</summary>
    public int Index { get; }

    public JsonPatchOperationType Type { get; }

    public JsonPointer Path { get; }

    /// <summary>Set for move and copy only.</summary>
    public JsonPointer? From { get; }

    /// <summary>Set for add, replace and test; null is the JSON null literal there.</summary>
    public JsonNode? Value { get; }

    public string Name => Type switch
    {
        JsonPatchOperationType.Add => "add",
        JsonPatchOperationType.Remove => "remove",
        JsonPatchOperationType.Replace => "replace",
        JsonPatchOperationType.Move => "move",
        JsonPatchOperationType.Copy => "copy",
        _ => "test",
    };
}
