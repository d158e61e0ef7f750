using Tessera.Jsonnet.Syntax;

namespace Tessera.Jsonnet.Evaluation;

/// <summary>A standard library function implemented in C#. Its arguments arrive as thunks; it forces what it needs.</summary>
internal sealed class BuiltinFunction(string name, string[] parameters, Value?[] defaults, Func<BuiltinArguments, Value> body) : FunctionValue
{
    public override string Name => "std." + name;

    public override IReadOnlyList<string> ParameterNames => parameters;

    public override bool HasDefault(int index) => defaults[index] is not null;

    public override Value Invoke(Evaluator evaluator, Thunk?[] arguments, SourceLocation at)
    {
        var values = new Thunk[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            values[i] = arguments[i] ?? defaults[i]!;
        }

        return body(new BuiltinArguments(evaluator, Name, parameters, values, at));
    }
}
