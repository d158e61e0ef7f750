using Tessera.Jsonnet.Evaluation;

namespace Tessera.Jsonnet.Std;

internal static partial class StdLibrary
{
    /// <summary>Sets are sorted arrays without duplicates (by key); the operations walk two sets in step, as the stdlib does.</summary>
    static void DefineSets(Definer std)
    {
        std.Function("set", ["arr", "keyF"], a =>
        {
            var keyF = a.KeyFunction(1);
            return Arr(Unique(a, Sort(a, a.Array(0).Items, keyF), keyF));
        }, NullValue.Instance);
        std.Function("setMember", ["x", "arr", "keyF"], a =>
        {
            var keyF = a.KeyFunction(2);
            var items = a.Array(1).Items;
            var key = Key(a, keyF, a.Lazy(0));
            int low = 0, high = items.Length - 1;
            while (low <= high)
            {
                var middle = (low + high) / 2;
                var c = a.Evaluator.Compare(Key(a, keyF, items[middle]), key);
                if (c == 0)
                {
                    return BooleanValue.True;
                }

                if (c < 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return BooleanValue.False;
        }, NullValue.Instance);
        std.Function("setUnion", ["a", "b", "keyF"], a => Merge(a, takeLeftOnly: true, takeBoth: true, takeRightOnly: true), NullValue.Instance);
        std.Function("setInter", ["a", "b", "keyF"], a => Merge(a, takeLeftOnly: false, takeBoth: true, takeRightOnly: false), NullValue.Instance);
        std.Function("setDiff", ["a", "b", "keyF"], a => Merge(a, takeLeftOnly: true, takeBoth: false, takeRightOnly: false), NullValue.Instance);
    }

    static ArrayValue Merge(BuiltinArguments a, bool takeLeftOnly, bool takeBoth, bool takeRightOnly)
    {
        var left = a.Array(0).Items;
        var right = a.Array(1).Items;
        var keyF = a.KeyFunction(2);
        var result = new List<Thunk>();
        int i = 0, j = 0;
        while (i < left.Length && j < right.Length)
        {
            var c = a.Evaluator.Compare(Key(a, keyF, left[i]), Key(a, keyF, right[j]));
            if (c == 0)
            {
                if (takeBoth)
                {
                    result.Add(left[i]);
                }

                i++;
                j++;
            }
            else if (c < 0)
            {
                if (takeLeftOnly)
                {
                    result.Add(left[i]);
                }

                i++;
            }
            else
            {
                if (takeRightOnly)
                {
                    result.Add(right[j]);
                }

                j++;
            }
        }

        if (takeLeftOnly)
        {
            result.AddRange(left.Skip(i));
        }

        if (takeRightOnly)
        {
            result.AddRange(right.Skip(j));
        }

        return Arr(result);
    }
}
