using Tessera.Jsonnet.Syntax;

namespace Tessera.Jsonnet.Evaluation;

/// <summary>A function written in Jsonnet, closed over the scope it was written in.</summary>
internal sealed class ClosureFunction(Node.Function node, Scope scope) : FunctionValue
{
    readonly string[] _names = [.. node.Parameters.Select(p => p.Name)];

    public override string Name => node.Name;

    public override IReadOnlyList<string> ParameterNames => _names;

    public override bool HasDefault(int index) => node.Parameters[index].Default is not null;

    public override Value Invoke(Evaluator evaluator, Thunk?[] arguments, SourceLocation at)
    {
        var values = new Thunk[arguments.Length];
        var inner = scope.Bind(_names, values);
        for (var i = 0; i < arguments.Length; i++)
        {
            // Defaults are evaluated in the call's scope, so they can refer to the other parameters.
            values[i] = arguments[i] ?? new PendingThunk(evaluator, node.Parameters[i].Default!, inner);
        }

        evaluator.EnterFrame(at);
        try
        {
            return evaluator.Evaluate(node.Body, inner);
        }
        finally
        {
            evaluator.ExitFrame();
        }
    }
}
