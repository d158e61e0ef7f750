using System.Runtime.CompilerServices;
using Tessera.Jsonnet.Std;
using Tessera.Jsonnet.Syntax;

namespace Tessera.Jsonnet.Evaluation;

/// <summary>
/// One evaluation of a program: walks the syntax tree lazily, counts steps and stack frames against the limits, and
/// watches the cancellation token. Not thread-safe; a <see cref="JsonnetProgram"/> makes one per evaluation.
/// </summary>
internal sealed partial class Evaluator
{
    const int CancellationCheckInterval = 1024;

    readonly JsonnetLimits _limits;
    readonly CancellationToken _cancellationToken;
    readonly Dictionary<string, Thunk> _extVars;
    long _steps;
    int _depth;

    public Evaluator(JsonnetLimits limits, string fileName, CancellationToken cancellationToken)
    {
        _limits = limits;
        _cancellationToken = cancellationToken;
        _extVars = new Dictionary<string, Thunk>(StringComparer.Ordinal);
        Std = StdLibrary.CreateObject(fileName);
        RootScope = Scope.Root(["std"], [Std]);
    }

    public ObjectValue Std { get; }

    /// <summary>The scope every program and every ext/TLA code starts in: just <c>std</c>.</summary>
    public Scope RootScope { get; }

    public void AddExtVar(string name, Thunk value) => _extVars[name] = value;

    public Value ExtVar(string name) =>
        _extVars.TryGetValue(name, out var value) ? value.Force() : throw JsonnetException.Runtime($"undefined external variable: {name}", null);

    /// <summary>Counts a step against the budget and notices cancellation.</summary>
    public void Step(long count = 1)
    {
        _steps += count;
        if (_steps > _limits.MaxSteps)
        {
            throw JsonnetException.Runtime($"evaluation exceeded its budget of {_limits.MaxSteps} steps", null);
        }

        if (_steps % CancellationCheckInterval < count)
        {
            _cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public void EnterFrame(SourceLocation at)
    {
        // The frame count is Jsonnet's own limit; the execution-stack probe protects the process whatever the stack size.
        if (++_depth > _limits.MaxStackFrames || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth--;
            throw JsonnetException.Runtime("max stack frames exceeded", at);
        }
    }

    public void ExitFrame() => _depth--;

    public Value Evaluate(Node node, Scope scope)
    {
        Step();
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw JsonnetException.Runtime("max stack frames exceeded", node.At);
        }

        try
        {
            return EvaluateNode(node, scope);
        }
        catch (JsonnetException e) when (e.Location is null)
        {
            throw e.At(node.At);
        }
    }

    Value EvaluateNode(Node node, Scope scope)
    {
        switch (node)
        {
            case Node.Literal literal:
                return literal.Value switch
                {
                    null => NullValue.Instance,
                    bool b => BooleanValue.Of(b),
                    double d => NumberValue.Of(d),
                    string s => StringValue.Of(s),
                    _ => throw new InvalidOperationException("unknown literal"),
                };
            case Node.Self:
                return scope.Self!;
            case Node.Dollar:
                return scope.Dollar!;
            case Node.Var v:
                return (scope.Lookup(v.Name) ?? throw JsonnetException.Runtime($"unknown variable: {v.Name}", v.At)).Force();
            case Node.Local local:
                return Evaluate(local.Body, BindLocals(local.Bindings, scope));
            case Node.If @if:
            {
                var condition = Evaluate(@if.Condition, scope);
                if (condition is not BooleanValue b)
                {
                    throw JsonnetException.Runtime($"condition must be boolean, got {condition.TypeName}", @if.At);
                }

                return b.Value ? Evaluate(@if.Then, scope) : @if.Else is null ? NullValue.Instance : Evaluate(@if.Else, scope);
            }

            case Node.Function function:
                return new ClosureFunction(function, scope);
            case Node.Apply apply:
                return EvaluateApply(apply, scope);
            case Node.Index index:
                return Index(Evaluate(index.Target, scope), Evaluate(index.Key, scope));
            case Node.SuperIndex superIndex:
            {
                var key = Evaluate(superIndex.Key, scope);
                return key is StringValue name
                    ? scope.Self!.GetSuper(name.Value, scope.SuperLayer)
                    : throw JsonnetException.Runtime($"super index must be a string, got {key.TypeName}", null);
            }

            case Node.InSuper inSuper:
            {
                var key = Evaluate(inSuper.Key, scope);
                return key is StringValue name
                    ? BooleanValue.Of(scope.Self!.HasFieldBelow(name.Value, scope.SuperLayer))
                    : throw JsonnetException.Runtime($"the left side of \"in super\" must be a string, got {key.TypeName}", null);
            }

            case Node.Slice slice:
                return Slice(Evaluate(slice.Target, scope), Optional(slice.Start, scope), Optional(slice.End, scope), Optional(slice.Step, scope));
            case Node.Binary binary:
                return EvaluateBinary(binary, scope);
            case Node.Unary unary:
                return EvaluateUnary(unary.Operator, Evaluate(unary.Operand, scope));
            case Node.Array array:
            {
                var items = new Thunk[array.Elements.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = Delay(array.Elements[i], scope);
                }

                return new ArrayValue(items);
            }

            case Node.ArrayComprehension comprehension:
            {
                var items = new List<Thunk>();
                ForEach(comprehension.Clauses, 0, scope, inner => items.Add(Delay(comprehension.Body, inner)));
                return new ArrayValue([.. items]);
            }

            case Node.Object obj:
                return BuildObject(obj, scope);
            case Node.ObjectComprehension comprehension:
                return BuildObject(comprehension, scope);
            case Node.Error error:
            {
                var value = Evaluate(error.Value, scope);
                throw JsonnetException.User(value is StringValue s ? s.Value : Output.JsonWriter.ToText(value), error.At);
            }

            case Node.Assert assert:
                CheckAssertion(assert.Assertion, scope, "Assertion failed.");
                return Evaluate(assert.Rest, scope);
            default:
                throw new InvalidOperationException("unknown node " + node.GetType().Name);
        }
    }

    Value? Optional(Node? node, Scope scope) => node is null ? null : Evaluate(node, scope);

    /// <summary>A thunk for an expression; literals, variables and functions need no deferral.</summary>
    public Thunk Delay(Node node, Scope scope) => node switch
    {
        Node.Literal or Node.Function => Evaluate(node, scope),
        Node.Var v => scope.Lookup(v.Name) ?? throw JsonnetException.Runtime($"unknown variable: {v.Name}", v.At),
        _ => new PendingThunk(this, node, scope),
    };

    /// <summary>Binds a <c>local</c>'s bindings in one new scope, so they can refer to each other.</summary>
    public Scope BindLocals(IReadOnlyList<Binding> bindings, Scope scope)
    {
        var names = new string[bindings.Count];
        var values = new Thunk[bindings.Count];
        var inner = scope.Bind(names, values);
        for (var i = 0; i < bindings.Count; i++)
        {
            names[i] = bindings[i].Name;
            values[i] = bindings[i].Body is Node.Function f ? new ClosureFunction(f, inner) : new PendingThunk(this, bindings[i].Body, inner);
        }

        return inner;
    }

    public void CheckAssertion(Assertion assertion, Scope scope, string defaultMessage)
    {
        var condition = Evaluate(assertion.Condition, scope);
        if (condition is not BooleanValue b)
        {
            throw JsonnetException.Runtime($"assertion condition must be boolean, got {condition.TypeName}", assertion.At);
        }

        if (!b.Value)
        {
            var message = assertion.Message is null ? defaultMessage : Evaluate(assertion.Message, scope) is var m && m is StringValue s ? s.Value : Output.JsonWriter.ToText(m);
            throw JsonnetException.User(message, assertion.At);
        }
    }

    void ForEach(IReadOnlyList<ComprehensionClause> clauses, int index, Scope scope, Action<Scope> body)
    {
        if (index == clauses.Count)
        {
            body(scope);
            return;
        }

        var clause = clauses[index];
        var value = Evaluate(clause.Expression, scope);
        if (clause.Variable is null)
        {
            if (value is not BooleanValue b)
            {
                throw JsonnetException.Runtime($"if condition in a comprehension must be boolean, got {value.TypeName}", clause.At);
            }

            if (b.Value)
            {
                ForEach(clauses, index + 1, scope, body);
            }

            return;
        }

        if (value is not ArrayValue array)
        {
            throw JsonnetException.Runtime($"a for loop can only iterate over arrays, got {value.TypeName}", clause.At);
        }

        foreach (var item in array.Items)
        {
            Step();
            ForEach(clauses, index + 1, scope.Bind(clause.Variable, item), body);
        }
    }

    Value EvaluateApply(Node.Apply apply, Scope scope)
    {
        var target = Evaluate(apply.Target, scope);
        if (target is not FunctionValue function)
        {
            throw JsonnetException.Runtime($"only functions can be called, got {target.TypeName}", apply.At);
        }

        var positional = new Thunk[apply.Positional.Count];
        for (var i = 0; i < positional.Length; i++)
        {
            positional[i] = apply.TailStrict ? Evaluate(apply.Positional[i], scope) : Delay(apply.Positional[i], scope);
        }

        var named = new KeyValuePair<string, Thunk>[apply.Named.Count];
        for (var i = 0; i < named.Length; i++)
        {
            var argument = apply.Named[i];
            named[i] = new(argument.Name, apply.TailStrict ? Evaluate(argument.Value, scope) : Delay(argument.Value, scope));
        }

        try
        {
            return function.Invoke(this, function.Match(positional, named), apply.At);
        }
        catch (JsonnetException e) when (e.Location is null)
        {
            throw e.At(apply.At);
        }
    }

    /// <summary>Calls a function from the standard library with positional arguments.</summary>
    public Value Call(FunctionValue function, SourceLocation at, params Thunk[] arguments) =>
        function.Invoke(this, function.Match(arguments, []), at);
}
