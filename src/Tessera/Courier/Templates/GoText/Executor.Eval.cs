namespace Tessera.Courier.Templates.GoText;

internal sealed partial class Executor
{
    /// <summary>Go's "missingVal": no value piped in from a previous command (unlike <see cref="Missing"/>, a real result).</summary>
    static readonly object NoFinal = new();

    string? _predefinedEscaper;

    /// <summary>
    /// In html/template a pipeline ending in html or urlquery keeps that function as its escaper; the value printed is
    /// then the pipeline before it, and the function runs among the contextual escapers.
    /// </summary>
    object? EvalActionForHtml(object? dot, PipeNode pipe, out string? predefined)
    {
        predefined = null;
        var last = pipe.Commands[^1];
        if (pipe.Decl.Count == 0 && last.Args[0] is IdentifierNode { Name: "html" or "urlquery" } id
            && ReferenceEquals(FunctionTable.Find(id.Name), id.Function))
        {
            if (pipe.Commands.Count == 1 && last.Args.Count > 1)
            {
                predefined = id.Name;
                var args = last.Args.Skip(1).Select(a => EvalArg(dot, ParamKind.Any, a)).ToList();
                return Builtins.EvalArgs(args);
            }

            if (pipe.Commands.Count > 1 && last.Args.Count == 1)
            {
                predefined = id.Name;
                return EvalCommands(dot, pipe.Commands.Take(pipe.Commands.Count - 1));
            }
        }

        return EvalPipeline(dot, pipe);
    }

    object? EvalPipeline(object? dot, PipeNode? pipe)
    {
        if (pipe is null)
        {
            return Missing.Value;
        }

        _node = pipe;
        var value = EvalCommands(dot, pipe.Commands);
        foreach (var variable in pipe.Decl)
        {
            if (pipe.IsAssign)
            {
                SetVar(variable.Ident[0], value);
            }
            else
            {
                _vars.Add((variable.Ident[0], value));
            }
        }

        return value;
    }

    object? EvalCommands(object? dot, IEnumerable<CommandNode> commands)
    {
        var value = NoFinal;
        foreach (var command in commands)
        {
            value = EvalCommand(dot, command, value);

            // A nil interface{} result (a JSON null, a function returning nil) is Go's invalid value from here on.
            value ??= Missing.Value;
        }

        return value;
    }

    void NotAFunction(List<Node> args, object? final)
    {
        if (args.Count > 1 || final != NoFinal)
        {
            throw Error($"can't give argument to non-function {args[0]}");
        }
    }

    object? EvalCommand(object? dot, CommandNode command, object? final)
    {
        EnsureStack();
        var first = command.Args[0];
        switch (first)
        {
            case FieldNode field:
                return EvalFieldChain(dot, dot, field, field.Ident, command.Args, final);
            case ChainNode chain:
                return EvalChain(dot, chain, command.Args, final);
            case IdentifierNode identifier:
                return EvalCall(dot, identifier, command.Args, final);
            case PipeNode pipe:
                NotAFunction(command.Args, final);
                return EvalPipeline(dot, pipe);
            case VariableNode variable:
                return EvalVariable(dot, variable, command.Args, final);
        }

        _node = first;
        NotAFunction(command.Args, final);
        return first switch
        {
            BoolNode b => b.Value,
            DotNode => dot,
            NilNode => throw Error("nil is not a command"),
            NumberNode n => IdealConstant(n),
            StringNode s => s.Text,
            _ => throw Error($"can't evaluate command {GoQuote.Quote(first.ToString()!)}"),
        };
    }

    /// <summary>A constant with no type asked for: float64 if written like one (1.5, 1e3), otherwise int.</summary>
    object IdealConstant(NumberNode number)
    {
        var literal = number.Literal;
        if (literal.IsIdealFloat)
        {
            return literal.Float64;
        }

        if (literal.IsInt)
        {
            return literal.Int64;
        }

        throw Error($"{literal.Text} overflows int");
    }

    object? EvalChain(object? dot, ChainNode chain, List<Node>? args, object? final)
    {
        _node = chain;
        if (chain.Node is NilNode)
        {
            throw Error($"indirection through explicit nil in {chain}");
        }

        var receiver = chain.Node switch
        {
            PipeNode pipe => EvalPipeline(dot, pipe),
            FieldNode field => EvalFieldChain(dot, dot, field, field.Ident, null, NoFinal),
            VariableNode variable => EvalVariable(dot, variable, null, NoFinal),
            IdentifierNode identifier => EvalCall(dot, identifier, null, NoFinal),
            ChainNode inner => EvalChain(dot, inner, null, NoFinal),
            DotNode => dot,
            _ => throw Error($"can't evaluate {chain}"),
        };
        return EvalFieldChain(dot, receiver, chain, chain.Fields, args, final);
    }

    object? EvalVariable(object? dot, VariableNode variable, List<Node>? args, object? final)
    {
        _node = variable;
        var value = VarValue(variable.Ident[0]);
        if (variable.Ident.Length == 1)
        {
            NotAFunction(args ?? [variable], final);
            return value;
        }

        return EvalFieldChain(dot, value, variable, variable.Ident[1..], args, final);
    }

    object? EvalFieldChain(object? dot, object? receiver, Node node, string[] fields, List<Node>? args, object? final)
    {
        _node = node;
        for (var i = 0; i < fields.Length - 1; i++)
        {
            receiver = EvalField(dot, fields[i], null, NoFinal, receiver);
        }

        return EvalField(dot, fields[^1], args, final, receiver);
    }

    object? EvalField(object? dot, string name, List<Node>? args, object? final, object? receiver)
    {
        switch (receiver)
        {
            case Missing:
                // A missing key on the way (.Identity.traits.nickname.first) stays missing, without an error.
                return Missing.Value;
            case null:
                throw Error($"nil pointer evaluating interface {{}}.{name}");
        }

        var hasArgs = (args?.Count ?? 0) > 1 || final != NoFinal;
        if (receiver is GoTime time && TimeMethod(time, name, dot, args, final) is { } result)
        {
            return result;
        }

        switch (receiver)
        {
            case GoStruct st when st.TryGet(name, out var field):
                return hasArgs ? throw Error($"{name} has arguments but cannot be invoked as function") : field;
            case GoMap map:
                if (hasArgs)
                {
                    throw Error($"{name} is not a method but has arguments");
                }

                return map.TryGet(name, out var value) ? value : Missing.Value;
        }

        throw Error($"can't evaluate field {name} in type {GoValues.TypeName(receiver)}");
    }

    /// <summary>The time.Time methods templates reach for: .Format, .Unix, .Year, .UTC.</summary>
    object? TimeMethod(GoTime time, string name, object? dot, List<Node>? args, object? final)
    {
        var argNodes = args is null ? [] : args.Skip(1).ToList();
        var count = argNodes.Count + (final != NoFinal ? 1 : 0);
        switch (name)
        {
            case "Format":
                if (count != 1)
                {
                    throw Error($"wrong number of args for Format: want 1 got {count}");
                }

                var layout = final != NoFinal ? Validate(final, ParamKind.String) : EvalArg(dot, ParamKind.String, argNodes[0]);
                return GoTimeFormat.Format(time, (string)layout!);
            case "Unix" or "Year" or "UTC":
                if (count != 0)
                {
                    throw Error($"wrong number of args for {name}: want 0 got {count}");
                }

                return name switch
                {
                    "Unix" => time.Instant.ToUnixTimeSeconds(),
                    "Year" => (long)time.Instant.Year,
                    _ => GoTime.Utc(time.Instant),
                };
            default:
                return null;
        }
    }

    object? EvalCall(object? dot, IdentifierNode identifier, List<Node>? args, object? final)
    {
        _node = identifier;
        var function = identifier.Function;
        var name = identifier.Name;
        var argNodes = args is null ? new List<Node>() : args.Skip(1).ToList();
        var count = argNodes.Count + (final != NoFinal ? 1 : 0);
        var fixedCount = function.Params.Length;
        if (function.Variadic is not null)
        {
            if (count < fixedCount)
            {
                throw Error($"wrong number of args for {name}: want at least {fixedCount} got {argNodes.Count}");
            }
        }
        else if (count != fixedCount)
        {
            throw Error($"wrong number of args for {name}: want {fixedCount} got {count}");
        }

        if (FunctionTable.IsShortCircuit(function))
        {
            // and/or evaluate left to right and stop at the first argument that decides the result.
            object? result = null;
            foreach (var arg in argNodes)
            {
                result = EvalArg(dot, ParamKind.Value, arg);
                if (GoValues.IsTrue(result) == (name == "or"))
                {
                    return result;
                }
            }

            return final != NoFinal ? final : result;
        }

        var values = new object?[count];
        for (var i = 0; i < argNodes.Count; i++)
        {
            values[i] = EvalArg(dot, i < fixedCount ? function.Params[i] : function.Variadic!.Value, argNodes[i]);
        }

        if (final != NoFinal)
        {
            var index = count - 1;
            values[index] = Validate(final, index < fixedCount ? function.Params[index] : function.Variadic!.Value);
        }

        _node = identifier;
        try
        {
            return function.Invoke(_functions, values);
        }
        catch (FunctionException e)
        {
            throw Error($"error calling {name}: {e.Message}");
        }
    }

    object? EvalArg(object? dot, ParamKind kind, Node node)
    {
        _node = node;
        switch (node)
        {
            case DotNode:
                return Validate(dot, kind);
            case NilNode:
                return CanBeNil(kind) ? null : throw Error($"cannot assign nil to {TypeName(kind)}");
            case FieldNode field:
                return Validate(EvalFieldChain(dot, dot, field, field.Ident, [field], NoFinal), kind);
            case VariableNode variable:
                return Validate(EvalVariable(dot, variable, null, NoFinal), kind);
            case PipeNode pipe:
                return Validate(EvalPipeline(dot, pipe), kind);
            case IdentifierNode identifier:
                return Validate(EvalCall(dot, identifier, null, NoFinal), kind);
            case ChainNode chain:
                return Validate(EvalChain(dot, chain, null, NoFinal), kind);
        }

        return (kind, node) switch
        {
            (ParamKind.Bool, BoolNode b) => b.Value,
            (ParamKind.Bool, _) => throw Error($"expected bool; found {node}"),
            (ParamKind.String, StringNode s) => s.Text,
            (ParamKind.String, _) => throw Error($"expected string; found {node}"),
            (ParamKind.Int, NumberNode { Literal.IsInt: true } n) => n.Literal.Int64,
            (ParamKind.Int, _) => throw Error($"expected integer; found {node}"),
            (ParamKind.Float, NumberNode { Literal.IsFloat: true } n) => n.Literal.Float64,
            (ParamKind.Float, _) => throw Error($"expected float; found {node}"),
            (ParamKind.Any or ParamKind.Value, BoolNode b) => b.Value,
            (ParamKind.Any or ParamKind.Value, StringNode s) => s.Text,
            (ParamKind.Any or ParamKind.Value, NumberNode n) => IdealConstant(n),
            _ => throw Error($"can't handle {node} for arg of type {TypeName(kind)}"),
        };
    }

    static bool CanBeNil(ParamKind kind) => kind is ParamKind.Any or ParamKind.Value or ParamKind.Map;

    static string TypeName(ParamKind kind) => kind switch
    {
        ParamKind.String => "string",
        ParamKind.Int => "int",
        ParamKind.Float => "float64",
        ParamKind.Bool => "bool",
        ParamKind.Map => "map[string]interface {}",
        ParamKind.Value => "reflect.Value",
        _ => "interface {}",
    };

    /// <summary>Go's validateType: a value must be assignable to the parameter's type; nil only where the type allows it.</summary>
    object? Validate(object? value, ParamKind kind)
    {
        if (value is Missing)
        {
            return kind switch
            {
                ParamKind.Value => value,
                ParamKind.Any or ParamKind.Map => null,
                _ => throw Error($"invalid value; expected {TypeName(kind)}"),
            };
        }

        var ok = kind switch
        {
            ParamKind.Any or ParamKind.Value => true,
            ParamKind.String => value is string,
            ParamKind.Int => value is long,
            ParamKind.Float => value is double,
            ParamKind.Bool => value is bool,
            ParamKind.Map => value is GoMap or null,
            _ => false,
        };
        return ok ? value : throw Error($"wrong type for value; expected {TypeName(kind)}; got {GoValues.TypeName(value)}");
    }
}
