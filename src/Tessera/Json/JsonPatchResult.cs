using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Tessera.Json;

/// <summary>Outcome of applying a patch: the new document, or why and at which operation it failed.</summary>
internal sealed class JsonPatchResult
{
    private JsonPatchResult(bool succeeded, JsonNode? document, JsonPatchErrorKind? errorKind, int? operationIndex, string? error)
    {
        Succeeded = succeeded;
        Document = document;
        ErrorKind = errorKind;
        OperationIndex = operationIndex;
        Error = error;
    }

    [MemberNotNullWhen(false, nameof(Error), nameof(ErrorKind))]
    public bool Succeeded { get; }

    /// <summary>The patched copy; null also when the patch made the whole document the JSON null literal.</summary>
    public JsonNode? Document { get; }

    public JsonPatchErrorKind? ErrorKind { get; }

    /// <summary>Index of the failing operation; null when the patch as a whole could not be read.</summary>
    public int? OperationIndex { get; }

    /// <summary>A message naming the operation and the reason, e.g. <c>operation 2 (remove): path "/a" does not exist</c>.</summary>
    public string? Error { get; }

    public static JsonPatchResult Success(JsonNode? document) => new(true, document, null, null, null);

    public static JsonPatchResult Failure(JsonPatchErrorKind kind, int? operationIndex, string error) =>
        new(false, null, kind, operationIndex, error);
}
