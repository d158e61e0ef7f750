using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Tessera.Json;

/// <summary>
/// Applies RFC 6902 JSON Patch documents. The input is never modified: operations run on a deep clone, and any failure
/// discards the clone, so a patch applies completely or not at all (RFC 6902 §5).
/// </summary>
internal static class JsonPatch
{
    /// <summary>Parses <paramref name="patch"/> and applies it; a malformed patch fails with <see cref="JsonPatchErrorKind.InvalidPatch"/>.</summary>
    public static JsonPatchResult Apply(JsonNode? document, JsonNode? patch, Func<string, bool>? isPathAllowed = null)
    {
        if (!JsonPatchDocument.TryParse(patch, out var parsed, out var error))
        {
            return JsonPatchResult.Failure(JsonPatchErrorKind.InvalidPatch, null, error);
        }

        return Apply(document, parsed, isPathAllowed);
    }

    /// <param name="isPathAllowed">
    /// Receives each operation's <c>path</c> and, for move and copy, its <c>from</c>, exactly as written in the patch.
    /// The root pointer <c>""</c> replaces the whole document, so a filter guarding members should refuse it too.
    /// </param>
    public static JsonPatchResult Apply(JsonNode? document, JsonPatchDocument patch, Func<string, bool>? isPathAllowed = null)
    {
        ArgumentNullException.ThrowIfNull(patch);

        // Every path is checked before anything runs, so a forbidden operation late in the patch is reported as such
        // rather than masked by an earlier failure.
        if (isPathAllowed is not null)
        {
            foreach (var op in patch.Operations)
            {
                if (!isPathAllowed(op.Path.Text))
                {
                    return Fail(JsonPatchErrorKind.ForbiddenPath, op, $"path \"{op.Path.Text}\" may not be patched");
                }

                if (op.From is not null && !isPathAllowed(op.From.Text))
                {
                    return Fail(JsonPatchErrorKind.ForbiddenPath, op, $"from \"{op.From.Text}\" may not be patched");
                }
            }
        }

        var root = document?.DeepClone();
        foreach (var op in patch.Operations)
        {
            var failure = op.Type switch
            {
                JsonPatchOperationType.Add => Add(ref root, op, op.Path, op.Value?.DeepClone()),
                JsonPatchOperationType.Remove => Remove(ref root, op, op.Path, out _),
                JsonPatchOperationType.Replace => Replace(ref root, op),
                JsonPatchOperationType.Move => Move(ref root, op),
                JsonPatchOperationType.Copy => Copy(ref root, op),
                _ => Test(root, op),
            };

            if (failure is not null)
            {
                return failure;
            }
        }

        return JsonPatchResult.Success(root);
    }

    private static JsonPatchResult? Add(ref JsonNode? root, JsonPatchOperation op, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
        {
            root = value;
            return null;
        }

        if (!TryResolveParent(root, path, op, out var parent, out var failure))
        {
            return failure;
        }

        var token = path.Tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[token] = value;
                return null;
            case JsonArray array when token == "-":
                array.Add(value);
                return null;
            case JsonArray array:
                if (!JsonPointer.TryParseIndex(token, out var index) || index > array.Count)
                {
                    return Fail(JsonPatchErrorKind.CannotApply, op, $"index \"{token}\" is out of bounds in \"{path.Text}\" (array has {array.Count} elements)");
                }

                array.Insert(index, value);
                return null;
            default:
                return Fail(JsonPatchErrorKind.CannotApply, op, $"the parent of \"{path.Text}\" is not an object or array");
        }
    }

    private static JsonPatchResult? Remove(ref JsonNode? root, JsonPatchOperation op, JsonPointer path, out JsonNode? removed)
    {
        removed = null;
        if (path.IsRoot)
        {
            return Fail(JsonPatchErrorKind.CannotApply, op, "the document root cannot be removed");
        }

        if (!TryResolveParent(root, path, op, out var parent, out var failure))
        {
            return failure;
        }

        var token = path.Tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                if (!obj.TryGetPropertyValue(token, out removed))
                {
                    return Missing(op, path);
                }

                obj.Remove(token);
                return null;
            case JsonArray array:
                if (!TryGetArrayIndex(array, token, out var index))
                {
                    return Missing(op, path);
                }

                removed = array[index];
                array.RemoveAt(index);
                return null;
            default:
                return Missing(op, path);
        }
    }

    private static JsonPatchResult? Replace(ref JsonNode? root, JsonPatchOperation op)
    {
        if (op.Path.IsRoot)
        {
            root = op.Value?.DeepClone();
            return null;
        }

        if (!TryResolveParent(root, op.Path, op, out var parent, out var failure))
        {
            return failure;
        }

        var token = op.Path.Tokens[^1];
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(token):
                obj[token] = op.Value?.DeepClone();
                return null;
            case JsonArray array when TryGetArrayIndex(array, token, out var index):
                array[index] = op.Value?.DeepClone();
                return null;
            default:
                return Missing(op, op.Path);
        }
    }

    private static JsonPatchResult? Move(ref JsonNode? root, JsonPatchOperation op)
    {
        var from = op.From!;

        // RFC 6902 §4.4: a value cannot be moved into one of its own children.
        if (from.IsProperPrefixOf(op.Path))
        {
            return Fail(JsonPatchErrorKind.CannotApply, op, $"\"{from.Text}\" cannot be moved into its own child \"{op.Path.Text}\"");
        }

        if (!TryGet(root, from, out _))
        {
            return Missing(op, from);
        }

        if (from.Tokens.SequenceEqual(op.Path.Tokens, StringComparer.Ordinal))
        {
            return null;
        }

        var failure = Remove(ref root, op, from, out var value);
        return failure ?? Add(ref root, op, op.Path, value);
    }

    private static JsonPatchResult? Copy(ref JsonNode? root, JsonPatchOperation op)
    {
        if (!TryGet(root, op.From!, out var value))
        {
            return Missing(op, op.From!);
        }

        return Add(ref root, op, op.Path, value?.DeepClone());
    }

    private static JsonPatchResult? Test(JsonNode? root, JsonPatchOperation op)
    {
        if (!TryGet(root, op.Path, out var actual))
        {
            return Missing(op, op.Path);
        }

        return JsonValueComparer.AreEqual(actual, op.Value)
            ? null
            : Fail(JsonPatchErrorKind.TestFailed, op, $"value at \"{op.Path.Text}\" is not the expected value");
    }

    private static bool TryGet(JsonNode? root, JsonPointer pointer, out JsonNode? value)
    {
        value = root;
        foreach (var token in pointer.Tokens)
        {
            if (!TryStep(value, token, out value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryResolveParent(JsonNode? root, JsonPointer path, JsonPatchOperation op, out JsonNode? parent, [NotNullWhen(false)] out JsonPatchResult? failure)
    {
        parent = root;
        for (var i = 0; i < path.Tokens.Count - 1; i++)
        {
            if (!TryStep(parent, path.Tokens[i], out parent))
            {
                failure = Fail(JsonPatchErrorKind.CannotApply, op, $"the parent of \"{path.Text}\" does not exist");
                return false;
            }
        }

        if (parent is not JsonObject and not JsonArray)
        {
            failure = Fail(JsonPatchErrorKind.CannotApply, op, $"the parent of \"{path.Text}\" is not an object or array");
            return false;
        }

        failure = null;
        return true;
    }

    private static bool TryStep(JsonNode? current, string token, out JsonNode? next)
    {
        switch (current)
        {
            case JsonObject obj:
                return obj.TryGetPropertyValue(token, out next);
            case JsonArray array when TryGetArrayIndex(array, token, out var index):
                next = array[index];
                return true;
            default:
                next = null;
                return false;
        }
    }

    private static bool TryGetArrayIndex(JsonArray array, string token, out int index) =>
        JsonPointer.TryParseIndex(token, out index) && index < array.Count;

    private static JsonPatchResult Missing(JsonPatchOperation op, JsonPointer pointer) =>
        Fail(JsonPatchErrorKind.CannotApply, op, $"path \"{pointer.Text}\" does not exist");

    private static JsonPatchResult Fail(JsonPatchErrorKind kind, JsonPatchOperation op, string reason) =>
        JsonPatchResult.Failure(kind, op.Index, $"operation {op.Index} ({op.Name}): {reason}");
}
