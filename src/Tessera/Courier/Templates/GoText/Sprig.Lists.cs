using static Tessera.Courier.Templates.GoText.ParamKind;

namespace Tessera.Courier.Templates.GoText;

internal static partial class Sprig
{
    static void RegisterLists(Dictionary<string, GoFunction> t)
    {
        FunctionTable.AddVariadic(t, "list", Any, static (_, a) => a.ToList());
        FunctionTable.AddVariadic(t, "tuple", Any, static (_, a) => a.ToList());
        foreach (var prefix in (string[])["", "must"])
        {
            // Sprig's plain forms panic where the must forms return an error; both stop the template, so they share a body.
            FunctionTable.Add(t, Name(prefix, "first"), static (_, a) => RequireList(a[0], "find first") is { Count: > 0 } l ? l[0] : null, Any);
            FunctionTable.Add(t, Name(prefix, "last"), static (_, a) => RequireList(a[0], "find last") is { Count: > 0 } l ? l[^1] : null, Any);
            FunctionTable.Add(t, Name(prefix, "rest"), static (_, a) => RequireList(a[0], "find rest") is { Count: > 0 } l ? l.Skip(1).ToList() : null, Any);
            FunctionTable.Add(t, Name(prefix, "initial"), static (_, a) => RequireList(a[0], "find initial") is { Count: > 0 } l ? l.Take(l.Count - 1).ToList() : null, Any);
            FunctionTable.Add(t, Name(prefix, "reverse"), static (_, a) => Enumerable.Reverse(RequireList(a[0], "find reverse")).ToList(), Any);
            FunctionTable.Add(t, Name(prefix, "uniq"), static (_, a) => Uniq(RequireList(a[0], "find uniq")), Any);
            FunctionTable.Add(t, Name(prefix, "compact"), static (_, a) => RequireList(a[0], "compact").Where(v => !Empty(v)).ToList(), Any);
            FunctionTable.AddVariadic(t, Name(prefix, "without"), Any, static (_, a) => RequireList(a[0], "find without").Where(v => !a.Skip(1).Any(o => DeepEqual(v, o))).ToList(), Any);
            FunctionTable.Add(t, Name(prefix, "has"), static (_, a) => a[1] is not null && RequireList(a[1], "find has").Any(v => DeepEqual(v, a[0])), Any, Any);
            FunctionTable.Add(t, Name(prefix, "append"), static (_, a) => (List<object?>)[.. RequireList(a[0], "push"), a[1]], Any, Any);
            FunctionTable.Add(t, Name(prefix, "push"), static (_, a) => (List<object?>)[.. RequireList(a[0], "push"), a[1]], Any, Any);
            FunctionTable.Add(t, Name(prefix, "prepend"), static (_, a) => (List<object?>)[a[1], .. RequireList(a[0], "prepend")], Any, Any);
            FunctionTable.AddVariadic(t, Name(prefix, "slice"), Any, static (_, a) => Slice(a[0], a.AsSpan(1)), Any);
        }

        FunctionTable.AddVariadic(t, "concat", Any, static (_, a) => a.SelectMany(l => l is List<object?> list ? list : throw new FunctionException($"Cannot concat type {GoValues.KindName(l)} as list")).ToList());
        FunctionTable.Add(t, "until", static (_, a) => Until((long)a[0]!), Int);
    }

    static string Name(string prefix, string name) => prefix.Length == 0 ? name : prefix + char.ToUpperInvariant(name[0]) + name[1..];

    static List<object?> Uniq(List<object?> list)
    {
        var result = new List<object?>();
        foreach (var item in list)
        {
            if (!result.Any(r => DeepEqual(r, item)))
            {
                result.Add(item);
            }
        }

        return result;
    }

    /// <summary>Sprig's slice replaces Go's builtin: lists only, "slice $l 1 3" is $l[1:3].</summary>
    static object? Slice(object? list, ReadOnlySpan<object?> indices)
    {
        if (list is not List<object?> l)
        {
            throw new FunctionException($"list should be type of slice or array but {GoValues.KindName(list)}");
        }

        if (l.Count == 0)
        {
            return null;
        }

        var start = indices.Length > 0 ? (int)ToInt64(indices[0]) : 0;
        var end = indices.Length > 1 ? (int)ToInt64(indices[1]) : l.Count;
        if (start < 0 || end > l.Count || start > end)
        {
            throw new FunctionException("reflect: slice index out of range");
        }

        return l.GetRange(start, end - start);
    }

    static List<object?> Until(long count)
    {
        var step = count < 0 ? -1 : 1;
        var list = new List<object?>();
        for (long i = 0; step > 0 ? i < count : i > count; i += step)
        {
            list.Add(i);
            if (list.Count > 100_000)
            {
                throw new FunctionException("until: too many items");
            }
        }

        return list;
    }
}
