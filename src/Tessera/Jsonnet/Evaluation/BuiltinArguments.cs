using Tessera.Jsonnet.Syntax;

namespace Tessera.Jsonnet.Evaluation;

/// <summary>The arguments of one builtin call, with typed accessors that fail with the function's and parameter's name.</summary>
internal readonly struct BuiltinArguments(Evaluator evaluator, string function, string[] names, Thunk[] values, SourceLocation at)
{
    public Evaluator Evaluator => evaluator;

    public string FunctionName => function;

    public SourceLocation At => at;

    public Value this[int index] => values[index].Force();

    public Thunk Lazy(int index) => values[index];

    public JsonnetException Error(string message) => JsonnetException.Runtime($"{function}: {message}", null);

    public JsonnetException TypeError(int index, string expected, Value actual) =>
        Error($"parameter {names[index]} must be {expected}, got {actual.TypeName}");

    public string String(int index) => this[index] is StringValue s ? s.Value : throw TypeError(index, "a string", this[index]);

    public double Number(int index) => this[index] is NumberValue n ? n.Value : throw TypeError(index, "a number", this[index]);

    public bool Boolean(int index) => this[index] is BooleanValue b ? b.Value : throw TypeError(index, "a boolean", this[index]);

    public ArrayValue Array(int index) => this[index] is ArrayValue a ? a : throw TypeError(index, "an array", this[index]);

    public ObjectValue Object(int index) => this[index] is ObjectValue o ? o : throw TypeError(index, "an object", this[index]);

    public FunctionValue Function(int index) => this[index] is FunctionValue f ? f : throw TypeError(index, "a function", this[index]);

    /// <summary>A number that must be a whole number in the range of <see cref="int"/>.</summary>
    public int Integer(int index)
    {
        var n = Number(index);
        if (n != Math.Floor(n) || n < int.MinValue || n > int.MaxValue)
        {
            throw Error($"parameter {names[index]} must be an integer, got {n}");
        }

        return (int)n;
    }

    /// <summary>An optional key function (null or absent means identity).</summary>
    public FunctionValue? KeyFunction(int index) => this[index] switch
    {
        NullValue => null,
        FunctionValue f => f,
        var other => throw TypeError(index, "a function", other),
    };
}
