using Tessera.Jsonnet.Evaluation;

namespace Tessera.Jsonnet.Std;

internal static partial class StdLibrary
{
    static void DefineObjects(Definer std)
    {
        std.Function("objectFields", ["o"], a => Names(a.Object(0), false));
        std.Function("objectFieldsAll", ["o"], a => Names(a.Object(0), true));
        std.Function("objectFieldsEx", ["o", "inc_hidden"], a => Names(a.Object(0), a.Boolean(1)));
        std.Function("objectHas", ["o", "f"], a => Bool(a.Object(0).HasField(a.String(1), false)));
        std.Function("objectHasAll", ["o", "f"], a => Bool(a.Object(0).HasField(a.String(1), true)));
        std.Function("objectHasEx", ["o", "f", "inc_hidden"], a => Bool(a.Object(0).HasField(a.String(1), a.Boolean(2))));
        std.Function("objectValues", ["o"], a => Values(a.Object(0), false));
        std.Function("objectValuesAll", ["o"], a => Values(a.Object(0), true));
        std.Function("objectKeysValues", ["o"], a => KeysValues(a, a.Object(0), false));
        std.Function("objectKeysValuesAll", ["o"], a => KeysValues(a, a.Object(0), true));
        std.Function("get", ["o", "f", "default", "inc_hidden"], a =>
        {
            var o = a.Object(0);
            var name = a.String(1);
            return o.HasField(name, a.Boolean(3)) ? o.Get(name) : a[2];
        }, NullValue.Instance, BooleanValue.True);
        std.Function("mapWithKey", ["func", "obj"], a =>
        {
            var func = a.Function(0);
            var obj = a.Object(1);
            return ObjectOf(obj.FieldNames(false).Select(name =>
                new KeyValuePair<string, Thunk>(name, Later(a, () => Call(a, func, StringValue.Of(name), obj.Get(name))))));
        });
        std.Function("objectRemoveKey", ["obj", "key"], a =>
        {
            var obj = a.Object(0);
            var key = a.String(1);
            return ObjectOf(obj.FieldNames(false).Where(n => n != key).Select(n => new KeyValuePair<string, Thunk>(n, Later(a, () => obj.Get(n)))));
        });
        std.Function("mergePatch", ["target", "patch"], a => MergePatch(a[0], a[1]));
        std.Function("prune", ["a"], a => Prune(a[0]));
    }

    static ArrayValue Names(ObjectValue o, bool includeHidden) => Arr(o.FieldNames(includeHidden).Select(n => (Thunk)StringValue.Of(n)));

    static ArrayValue Values(ObjectValue o, bool includeHidden) => Arr(o.FieldNames(includeHidden).Select(n => (Thunk)o.Get(n)));

    static ArrayValue KeysValues(BuiltinArguments a, ObjectValue o, bool includeHidden) => Arr(o.FieldNames(includeHidden).Select(n => (Thunk)ObjectOf(
    [
        new("key", StringValue.Of(n)),
        new("value", Later(a, () => o.Get(n))),
    ])));

    /// <summary>RFC 7396 JSON merge patch over visible fields; null in the patch removes a field.</summary>
    static Value MergePatch(Value target, Value patch)
    {
        if (patch is not ObjectValue patchObject)
        {
            return patch;
        }

        var targetObject = target as ObjectValue;
        var fields = new List<KeyValuePair<string, Thunk>>();
        var targetNames = targetObject?.FieldNames(false) ?? [];
        var patchNames = patchObject.FieldNames(false);
        foreach (var name in targetNames.Union(patchNames, StringComparer.Ordinal))
        {
            if (!patchNames.Contains(name))
            {
                fields.Add(new(name, targetObject!.Get(name)));
                continue;
            }

            var value = patchObject.Get(name);
            if (value is NullValue)
            {
                continue;
            }

            var existing = targetObject is not null && targetNames.Contains(name) ? targetObject.Get(name) : NullValue.Instance;
            fields.Add(new(name, MergePatch(existing, value)));
        }

        return ObjectOf(fields);
    }

    /// <summary>Removes nulls, empty arrays and empty objects from arrays and objects, recursively.</summary>
    static Value Prune(Value value)
    {
        switch (value)
        {
            case ArrayValue array:
                return Arr(array.Items.Select(i => Prune(i.Force())).Where(IsContent));
            case ObjectValue obj:
            {
                var fields = new List<KeyValuePair<string, Thunk>>();
                foreach (var name in obj.FieldNames(false))
                {
                    var pruned = Prune(obj.Get(name));
                    if (IsContent(pruned))
                    {
                        fields.Add(new(name, pruned));
                    }
                }

                return ObjectOf(fields);
            }

            default:
                return value;
        }
    }

    static bool IsContent(Value value) => value switch
    {
        NullValue => false,
        ArrayValue a => a.Count > 0,
        ObjectValue o => o.VisibleCount > 0,
        _ => true,
    };
}
