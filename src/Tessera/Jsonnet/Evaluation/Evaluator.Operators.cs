using Tessera.Jsonnet.Output;
using Tessera.Jsonnet.Std;
using Tessera.Jsonnet.Syntax;

namespace Tessera.Jsonnet.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>Longest string or array an operation may build, so a doubling loop fails cleanly instead of exhausting memory.</summary>
    public const int MaxLength = 64 * 1024 * 1024;

    Value EvaluateBinary(Node.Binary binary, Scope scope)
    {
        var op = binary.Operator;
        if (op is BinaryOperator.And or BinaryOperator.Or)
        {
            var left = RequireBoolean(Evaluate(binary.Left, scope), op);
            if (left == (op == BinaryOperator.Or))
            {
                return BooleanValue.Of(left);
            }

            return BooleanValue.Of(RequireBoolean(Evaluate(binary.Right, scope), op));
        }

        return Binary(op, Evaluate(binary.Left, scope), Evaluate(binary.Right, scope));
    }

    static bool RequireBoolean(Value value, BinaryOperator op) => value is BooleanValue b
        ? b.Value
        : throw JsonnetException.Runtime($"binary operator {Spell(op)} requires booleans, got {value.TypeName}", null);

    public Value Binary(BinaryOperator op, Value left, Value right)
    {
        switch (op)
        {
            case BinaryOperator.Add:
                return Add(left, right);
            case BinaryOperator.Equal:
                return BooleanValue.Of(Equality.AreEqual(left, right));
            case BinaryOperator.NotEqual:
                return BooleanValue.Of(!Equality.AreEqual(left, right));
            case BinaryOperator.Less:
                return BooleanValue.Of(Compare(left, right, op) < 0);
            case BinaryOperator.LessOrEqual:
                return BooleanValue.Of(Compare(left, right, op) <= 0);
            case BinaryOperator.Greater:
                return BooleanValue.Of(Compare(left, right, op) > 0);
            case BinaryOperator.GreaterOrEqual:
                return BooleanValue.Of(Compare(left, right, op) >= 0);
            case BinaryOperator.In:
                return left is StringValue key && right is ObjectValue obj
                    ? BooleanValue.Of(obj.HasField(key.Value, includeHidden: true))
                    : throw TypeError(op, left, right);
            case BinaryOperator.Modulo when left is StringValue format:
                return StringValue.Of(StringFormatter.Format(this, format.Value, right));
        }

        if (left is not NumberValue a || right is not NumberValue b)
        {
            throw TypeError(op, left, right);
        }

        double x = a.Value, y = b.Value;
        return op switch
        {
            BinaryOperator.Multiply => Number(x * y),
            BinaryOperator.Divide => y == 0 ? throw JsonnetException.Runtime("division by zero", null) : Number(x / y),
            BinaryOperator.Modulo => y == 0 ? throw JsonnetException.Runtime("division by zero", null) : Number(x % y),
            BinaryOperator.Subtract => Number(x - y),
            BinaryOperator.ShiftLeft => NumberValue.Of(ToInteger(x) << ShiftCount(y)),
            BinaryOperator.ShiftRight => NumberValue.Of(ToInteger(x) >> ShiftCount(y)),
            BinaryOperator.BitAnd => NumberValue.Of(ToInteger(x) & ToInteger(y)),
            BinaryOperator.BitXor => NumberValue.Of(ToInteger(x) ^ ToInteger(y)),
            BinaryOperator.BitOr => NumberValue.Of(ToInteger(x) | ToInteger(y)),
            _ => throw TypeError(op, left, right),
        };
    }

    /// <summary>The spec requires every number to be finite; an operation that leaves that range is an error.</summary>
    public static NumberValue Number(double value) => double.IsFinite(value)
        ? NumberValue.Of(value)
        : throw JsonnetException.Runtime(double.IsNaN(value) ? "not a number" : "overflow", null);

    static long ToInteger(double value) => (long)value;

    static int ShiftCount(double value)
    {
        var count = ToInteger(value);
        return count < 0 ? throw JsonnetException.Runtime("shift by negative exponent", null) : (int)(count & 63);
    }

    public Value Add(Value left, Value right)
    {
        switch (left, right)
        {
            case (NumberValue a, NumberValue b):
                return Number(a.Value + b.Value);
            case (StringValue a, StringValue b):
                return Concat(a.Value, b.Value);
            case (StringValue a, _):
                return Concat(a.Value, JsonWriter.ToText(right));
            case (_, StringValue b):
                return Concat(JsonWriter.ToText(left), b.Value);
            case (ArrayValue a, ArrayValue b):
                if ((long)a.Count + b.Count > MaxLength)
                {
                    throw JsonnetException.Runtime("array too long", null);
                }

                Step((a.Count + b.Count) / 64);
                return new ArrayValue([.. a.Items, .. b.Items]);
            case (ObjectValue a, ObjectValue b):
                return ObjectValue.Extend(a, b);
            default:
                throw TypeError(BinaryOperator.Add, left, right);
        }
    }

    StringValue Concat(string a, string b)
    {
        if ((long)a.Length + b.Length > MaxLength)
        {
            throw JsonnetException.Runtime("string too long", null);
        }

        Step((a.Length + b.Length) / 256);
        return StringValue.Of(a + b);
    }

    /// <summary><c>&lt;</c> and friends: numbers, strings by code point, arrays element by element.</summary>
    public int Compare(Value left, Value right, BinaryOperator op = BinaryOperator.Less)
    {
        switch (left, right)
        {
            case (NumberValue a, NumberValue b):
                return a.Value.CompareTo(b.Value);
            case (StringValue a, StringValue b):
                return CodePointComparer.Instance.Compare(a.Value, b.Value);
            case (ArrayValue a, ArrayValue b):
                for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
                {
                    var c = Compare(a[i], b[i], op);
                    if (c != 0)
                    {
                        return c;
                    }
                }

                return a.Count.CompareTo(b.Count);
            default:
                throw TypeError(op, left, right);
        }
    }

    static Value EvaluateUnary(UnaryOperator op, Value operand) => (op, operand) switch
    {
        (UnaryOperator.Minus, NumberValue n) => NumberValue.Of(-n.Value),
        (UnaryOperator.Plus, NumberValue n) => n,
        (UnaryOperator.Not, BooleanValue b) => BooleanValue.Of(!b.Value),
        (UnaryOperator.BitNot, NumberValue n) => NumberValue.Of(~ToInteger(n.Value)),
        _ => throw JsonnetException.Runtime($"unary operator {Spell(op)} does not operate on type {operand.TypeName}", null),
    };

    public Value Index(Value target, Value key)
    {
        switch (target)
        {
            case ObjectValue obj when key is StringValue name:
                return obj.TryGet(name.Value) ?? throw JsonnetException.Runtime($"field does not exist: {name.Value}", null);
            case ArrayValue array when key is NumberValue n:
                return array[CheckIndex(n.Value, array.Count)];
            case StringValue s when key is NumberValue n:
                var text = new CodePoints(s.Value);
                return StringValue.Of(text.At(CheckIndex(n.Value, text.Length)));
            case ObjectValue or ArrayValue or StringValue:
                throw JsonnetException.Runtime($"{target.TypeName} cannot be indexed by {key.TypeName}", null);
            default:
                throw JsonnetException.Runtime($"only objects, arrays and strings can be indexed, got {target.TypeName}", null);
        }
    }

    static int CheckIndex(double index, int count)
    {
        if (index != Math.Floor(index))
        {
            throw JsonnetException.Runtime($"array index was not integer: {Output.NumberFormatter.Format(index)}", null);
        }

        if (index < 0 || index >= count)
        {
            throw JsonnetException.Runtime($"array bounds error: {Output.NumberFormatter.Format(index)} not within [0, {count})", null);
        }

        return (int)index;
    }

    /// <summary><c>a[start:end:step]</c> and <c>std.slice</c>: null parts take their defaults; negative values are refused, as in Jsonnet 0.18.</summary>
    public static Value Slice(Value target, Value? start, Value? end, Value? step)
    {
        static int? Part(Value? value, string what) => value switch
        {
            null or NullValue => null,
            NumberValue n when n.Value == Math.Floor(n.Value) && n.Value >= 0 => (int)Math.Min(n.Value, int.MaxValue),
            NumberValue n when n.Value < 0 => throw JsonnetException.Runtime($"slice {what} must not be negative, got {Output.NumberFormatter.Format(n.Value)}", null),
            _ => throw JsonnetException.Runtime($"slice {what} must be a whole number or null, got {value.TypeName}", null),
        };

        var from = Part(start, "index") ?? 0;
        var by = Part(step, "step") ?? 1;
        if (by == 0)
        {
            throw JsonnetException.Runtime("slice step must be greater than 0", null);
        }

        switch (target)
        {
            case ArrayValue array:
            {
                var to = Math.Min(Part(end, "end") ?? array.Count, array.Count);
                var items = new List<Thunk>();
                for (long i = from; i < to; i += by)
                {
                    items.Add(array.Items[i]);
                }

                return new ArrayValue([.. items]);
            }

            case StringValue s:
            {
                var text = new CodePoints(s.Value);
                var to = Math.Min(Part(end, "end") ?? text.Length, text.Length);
                var result = new System.Text.StringBuilder();
                for (long i = from; i < to; i += by)
                {
                    result.Append(text.At((int)i));
                }

                return StringValue.Of(result.ToString());
            }

            default:
                throw JsonnetException.Runtime($"only arrays and strings can be sliced, got {target.TypeName}", null);
        }
    }

    static JsonnetException TypeError(BinaryOperator op, Value left, Value right) =>
        JsonnetException.Runtime($"binary operator {Spell(op)} does not operate on types {left.TypeName} and {right.TypeName}", null);

    static string Spell(BinaryOperator op) => op switch
    {
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.ShiftLeft => "<<",
        BinaryOperator.ShiftRight => ">>",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.In => "in",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.BitAnd => "&",
        BinaryOperator.BitXor => "^",
        BinaryOperator.BitOr => "|",
        BinaryOperator.And => "&&",
        _ => "||",
    };

    static string Spell(UnaryOperator op) => op switch
    {
        UnaryOperator.Minus => "-",
        UnaryOperator.Plus => "+",
        UnaryOperator.Not => "!",
        _ => "~",
    };
}
