using System.Text;
using Tessera.Jsonnet.Evaluation;

namespace Tessera.Jsonnet.Std;

internal static partial class StdLibrary
{
    static void DefineArrays(Definer std)
    {
        std.Function("makeArray", ["sz", "func"], a =>
        {
            var size = a.Integer(0);
            var func = a.Function(1);
            if (size < 0)
            {
                throw a.Error($"size must be at least 0, got {size}");
            }

            a.Evaluator.Step(size);
            return new ArrayValue([.. Enumerable.Range(0, size).Select(i => Later(a, () => Call(a, func, NumberValue.Of(i))))]);
        });
        std.Function("range", ["from", "to"], a =>
        {
            int from = a.Integer(0), to = a.Integer(1);
            var count = Math.Max(0L, (long)to - from + 1);
            a.Evaluator.Step(count);
            return new ArrayValue([.. LongRange(from, count).Select(i => (Thunk)NumberValue.Of(i))]);
        });
        std.Function("map", ["func", "arr"], a =>
        {
            var func = a.Function(0);
            return Arr(Items(a, 1).Select(item => Later(a, () => Call(a, func, item))));
        });
        std.Function("mapWithIndex", ["func", "arr"], a =>
        {
            var func = a.Function(0);
            return Arr(Items(a, 1).Select((item, i) => Later(a, () => Call(a, func, NumberValue.Of(i), item))));
        });
        std.Function("filter", ["func", "arr"], a =>
        {
            var func = a.Function(0);
            return Arr(a.Array(1).Items.Where(item => Predicate(a, func, item)));
        });
        std.Function("filterMap", ["filter_func", "map_func", "arr"], a =>
        {
            var filter = a.Function(0);
            var map = a.Function(1);
            return Arr(a.Array(2).Items.Where(item => Predicate(a, filter, item)).Select(item => Later(a, () => Call(a, map, item))));
        });
        std.Function("flatMap", ["func", "arr"], a =>
        {
            var func = a.Function(0);
            if (a[1] is StringValue s)
            {
                var text = new StringBuilder();
                foreach (var c in new CodePoints(s.Value).Each())
                {
                    text.Append(Call(a, func, StringValue.Of(c)) is StringValue piece ? piece.Value : throw a.Error("func must return strings when arr is a string"));
                }

                return Str(text.ToString());
            }

            var items = new List<Thunk>();
            foreach (var item in a.Array(1).Items)
            {
                switch (Call(a, func, item))
                {
                    case ArrayValue array:
                        items.AddRange(array.Items);
                        break;
                    case NullValue:
                        break;
                    case var other:
                        throw a.Error($"func must return arrays, got {other.TypeName}");
                }
            }

            return Arr(items);
        });
        std.Function("foldl", ["func", "arr", "init"], a =>
        {
            var func = a.Function(0);
            var accumulator = a[2];
            foreach (var item in Items(a, 1))
            {
                accumulator = Call(a, func, accumulator, item);
            }

            return accumulator;
        });
        std.Function("foldr", ["func", "arr", "init"], a =>
        {
            var func = a.Function(0);
            var accumulator = a[2];
            foreach (var item in Items(a, 1).Reverse())
            {
                accumulator = Call(a, func, item, accumulator);
            }

            return accumulator;
        });
        std.Function("repeat", ["what", "count"], a =>
        {
            var count = a.Integer(1);
            if (count < 0)
            {
                throw a.Error($"count must be at least 0, got {count}");
            }

            switch (a[0])
            {
                case StringValue s:
                    CheckLength(a, (long)s.Value.Length * count);
                    a.Evaluator.Step((long)s.Value.Length * count / 64);
                    return Str(new StringBuilder(s.Value.Length * count).Insert(0, s.Value, count).ToString());
                case ArrayValue array:
                    CheckLength(a, (long)array.Count * count);
                    a.Evaluator.Step((long)array.Count * count);
                    return Arr(Enumerable.Repeat(array.Items, count).SelectMany(x => x));
                case var other:
                    throw a.TypeError(0, "a string or an array", other);
            }
        });
        std.Function("slice", ["indexable", "index", "end", "step"], a => Evaluator.Slice(a[0], a[1], a[2], a[3]));
        std.Function("join", ["sep", "arr"], Join);
        std.Function("lines", ["arr"], a =>
        {
            var text = new StringBuilder();
            foreach (var item in a.Array(0).Items)
            {
                switch (item.Force())
                {
                    case StringValue s:
                        text.Append(s.Value).Append('\n');
                        break;
                    case NullValue:
                        break;
                    case var other:
                        throw a.Error($"expected strings in the array, got {other.TypeName}");
                }
            }

            return Str(text.ToString());
        });
        std.Function("deepJoin", ["arr"], a =>
        {
            var text = new StringBuilder();
            DeepJoin(a, a[0], text);
            return Str(text.ToString());
        });
        std.Function("flattenArrays", ["arrs"], a => Arr(a.Array(0).Items.SelectMany(i => i.Force() switch
        {
            ArrayValue array => array.Items,
            NullValue => [],
            var other => throw a.Error($"expected arrays in the array, got {other.TypeName}"),
        })));
        std.Function("flattenDeepArray", ["value"], a =>
        {
            var items = new List<Thunk>();
            FlattenDeep(a[0], items);
            return Arr(items);
        });
        std.Function("reverse", ["arrs"], a => Arr(Items(a, 0).Reverse()));
        std.Function("member", ["arr", "x"], a => a[0] is StringValue s
            ? Bool(s.Value.Contains(a.String(1), StringComparison.Ordinal))
            : Bool(a.Array(0).Items.Any(i => Equality.AreEqual(i.Force(), a[1]))));
        std.Function("contains", ["arr", "elem"], a => Bool(a.Array(0).Items.Any(i => Equality.AreEqual(i.Force(), a[1]))));
        std.Function("count", ["arr", "x"], a => Num(a.Array(0).Items.Count(i => Equality.AreEqual(i.Force(), a[1]))));
        std.Function("find", ["value", "arr"], a =>
            Arr(a.Array(1).Items.Select((item, i) => (item, i)).Where(p => Equality.AreEqual(p.item.Force(), a[0])).Select(p => (Thunk)NumberValue.Of(p.i))));
        std.Function("remove", ["arr", "elem"], a =>
        {
            var items = a.Array(0).Items.ToList();
            var at = items.FindIndex(i => Equality.AreEqual(i.Force(), a[1]));
            if (at >= 0)
            {
                items.RemoveAt(at);
            }

            return Arr(items);
        });
        std.Function("removeAt", ["arr", "idx"], a =>
        {
            var items = a.Array(0).Items.ToList();
            var at = a.Integer(1);
            if (at >= 0 && at < items.Count)
            {
                items.RemoveAt(at);
            }

            return Arr(items);
        });
        std.Function("all", ["arr"], a => Bool(a.Array(0).Items.All(i => Truth(a, i.Force()))));
        std.Function("any", ["arr"], a => Bool(a.Array(0).Items.Any(i => Truth(a, i.Force()))));
        std.Function("sum", ["arr"], a => Num(a.Array(0).Items.Sum(i => NumberOf(a, i.Force()))));
        std.Function("avg", ["arr"], a =>
        {
            var items = a.Array(0).Items;
            return items.Length == 0 ? throw a.Error("Cannot calculate average of an empty array.") : Num(items.Sum(i => NumberOf(a, i.Force())) / items.Length);
        });
        std.Function("minArray", ["arr", "keyF", "onEmpty"], a => Extreme(a, -1), NullValue.Instance, Absent);
        std.Function("maxArray", ["arr", "keyF", "onEmpty"], a => Extreme(a, 1), NullValue.Instance, Absent);
        std.Function("sort", ["arr", "keyF"], a => Arr(Sort(a, Items(a, 0), a.KeyFunction(1))), NullValue.Instance);
        std.Function("uniq", ["arr", "keyF"], a => Arr(Unique(a, a.Array(0).Items, a.KeyFunction(1))), NullValue.Instance);
    }

    static IEnumerable<long> LongRange(long from, long count)
    {
        for (var i = 0L; i < count; i++)
        {
            yield return from + i;
        }
    }

    static void CheckLength(BuiltinArguments a, long length)
    {
        if (length > Evaluator.MaxLength)
        {
            throw a.Error("the result would be too long");
        }
    }

    static bool Predicate(BuiltinArguments a, FunctionValue func, Thunk item) => Call(a, func, item) is BooleanValue b
        ? b.Value
        : throw a.Error("the filter function must return a boolean");

    static bool Truth(BuiltinArguments a, Value value) => value is BooleanValue b ? b.Value : throw a.Error($"expected booleans in the array, got {value.TypeName}");

    static double NumberOf(BuiltinArguments a, Value value) => value is NumberValue n ? n.Value : throw a.Error($"expected numbers in the array, got {value.TypeName}");

    static Value Join(BuiltinArguments a)
    {
        var items = a.Array(1).Items;
        switch (a[0])
        {
            case StringValue separator:
            {
                var text = new StringBuilder();
                var first = true;
                foreach (var item in items)
                {
                    switch (item.Force())
                    {
                        case NullValue:
                            continue;
                        case StringValue s:
                            if (!first)
                            {
                                text.Append(separator.Value);
                            }

                            text.Append(s.Value);
                            first = false;
                            break;
                        case var other:
                            throw a.Error($"expected string but arr contains {other.TypeName}");
                    }
                }

                return Str(text.ToString());
            }

            case ArrayValue separator:
            {
                var result = new List<Thunk>();
                var first = true;
                foreach (var item in items)
                {
                    switch (item.Force())
                    {
                        case NullValue:
                            continue;
                        case ArrayValue array:
                            if (!first)
                            {
                                result.AddRange(separator.Items);
                            }

                            result.AddRange(array.Items);
                            first = false;
                            break;
                        case var other:
                            throw a.Error($"expected array but arr contains {other.TypeName}");
                    }
                }

                return Arr(result);
            }

            case var other:
                throw a.TypeError(0, "a string or an array", other);
        }
    }

    static void DeepJoin(BuiltinArguments a, Value value, StringBuilder text)
    {
        switch (value)
        {
            case StringValue s:
                text.Append(s.Value);
                break;
            case ArrayValue array:
                foreach (var item in array.Items)
                {
                    DeepJoin(a, item.Force(), text);
                }

                break;
            default:
                throw a.Error($"expected strings or arrays, got {value.TypeName}");
        }
    }

    static void FlattenDeep(Value value, List<Thunk> items)
    {
        if (value is ArrayValue array)
        {
            foreach (var item in array.Items)
            {
                FlattenDeep(item.Force(), items);
            }
        }
        else
        {
            items.Add(value);
        }
    }

    static Value Key(BuiltinArguments a, FunctionValue? keyF, Thunk item) => keyF is null ? item.Force() : Call(a, keyF, item);

    /// <summary>A stable sort by key with Jsonnet's <c>&lt;</c>.</summary>
    static Thunk[] Sort(BuiltinArguments a, Thunk[] items, FunctionValue? keyF)
    {
        var keys = items.Select(i => Key(a, keyF, i)).ToArray();
        var evaluator = a.Evaluator;
        var order = Enumerable.Range(0, items.Length).ToArray();
        var comparer = Comparer<int>.Create((x, y) => evaluator.Compare(keys[x], keys[y]) is var c && c != 0 ? c : x.CompareTo(y));
        try
        {
            System.Array.Sort(order, comparer);
        }
        catch (InvalidOperationException e) when (e.InnerException is JsonnetException inner)
        {
            // Array.Sort wraps what the comparer throws; the Jsonnet error is what the template needs to see.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
        }

        return [.. order.Select(i => items[i])];
    }

    static List<Thunk> Unique(BuiltinArguments a, Thunk[] items, FunctionValue? keyF)
    {
        var result = new List<Thunk>();
        Value? previous = null;
        foreach (var item in items)
        {
            var key = Key(a, keyF, item);
            if (previous is null || !Equality.AreEqual(previous, key))
            {
                result.Add(item);
            }

            previous = key;
        }

        return result;
    }

    static Value Extreme(BuiltinArguments a, int sign)
    {
        var items = a.Array(0).Items;
        if (items.Length == 0)
        {
            return ReferenceEquals(a.Lazy(2), Absent) ? throw a.Error("Expected at least one element in array. Got none") : a[2];
        }

        var keyF = a.KeyFunction(1);
        var best = items[0];
        var bestKey = Key(a, keyF, best);
        foreach (var item in items.Skip(1))
        {
            var key = Key(a, keyF, item);
            if (a.Evaluator.Compare(key, bestKey) * sign > 0)
            {
                best = item;
                bestKey = key;
            }
        }

        return best.Force();
    }
}
