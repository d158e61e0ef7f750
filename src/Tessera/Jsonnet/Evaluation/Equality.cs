namespace Tessera.Jsonnet.Evaluation;

/// <summary>The spec's <c>==</c>: deep, on visible fields of objects; functions cannot be compared.</summary>
internal static class Equality
{
    public static bool AreEqual(Value left, Value right)
    {
        if (ReferenceEquals(left, right) && left is not FunctionValue)
        {
            return true;
        }

        switch (left, right)
        {
            case (NullValue, NullValue):
                return true;
            case (BooleanValue a, BooleanValue b):
                return a.Value == b.Value;
            case (NumberValue a, NumberValue b):
                return a.Value == b.Value;
            case (StringValue a, StringValue b):
                return a.Value == b.Value;
            case (ArrayValue a, ArrayValue b):
                if (a.Count != b.Count)
                {
                    return false;
                }

                for (var i = 0; i < a.Count; i++)
                {
                    if (!AreEqual(a[i], b[i]))
                    {
                        return false;
                    }
                }

                return true;
            case (ObjectValue a, ObjectValue b):
            {
                var names = a.FieldNames(includeHidden: false);
                if (!names.SequenceEqual(b.FieldNames(includeHidden: false), StringComparer.Ordinal))
                {
                    return false;
                }

                foreach (var name in names)
                {
                    if (!AreEqual(a.Get(name), b.Get(name)))
                    {
                        return false;
                    }
                }

                return true;
            }

            case (FunctionValue, FunctionValue):
                throw JsonnetException.Runtime("cannot test equality of functions", null);
            default:
                return false;
        }
    }
}
