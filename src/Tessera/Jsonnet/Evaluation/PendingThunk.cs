using Tessera.Jsonnet.Syntax;

namespace Tessera.Jsonnet.Evaluation;

/// <summary>A thunk computed on first use, then remembered: either an expression in a scope or a computation.</summary>
internal sealed class PendingThunk : Thunk
{
    Evaluator? _evaluator;
    Node? _node;
    Scope? _scope;
    Func<Value>? _compute;
    SourceLocation _at;
    Value? _value;

    public PendingThunk(Evaluator evaluator, Node node, Scope scope)
    {
        _evaluator = evaluator;
        _node = node;
        _scope = scope;
        _at = node.At;
    }

    public PendingThunk(Evaluator evaluator, SourceLocation at, Func<Value> compute)
    {
        _evaluator = evaluator;
        _compute = compute;
        _at = at;
    }

    public override Value Force()
    {
        if (_value is not null)
        {
            return _value;
        }

        var evaluator = _evaluator!;
        evaluator.EnterFrame(_at);
        try
        {
            _value = _compute is not null ? _compute() : evaluator.Evaluate(_node!, _scope!);
        }
        finally
        {
            evaluator.ExitFrame();
        }

        // Drop what the computation held, so long-lived values do not keep scopes alive.
        _evaluator = null;
        _node = null;
        _scope = null;
        _compute = null;
        return _value;
    }
}
