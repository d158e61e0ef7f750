namespace Tessera.Courier.Templates.GoText;

internal sealed partial class Parser
{
    /// <summary>declarations? command ('|' command)*, up to <paramref name="end"/> (the right delimiter or a closing paren).</summary>
    PipeNode Pipeline(string context, TokenKind end)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error("max expression depth exceeded");
        }

        var pipe = new PipeNode(PeekNonSpace().Position);
        Declarations(pipe, context);
        while (true)
        {
            var token = NextNonSpace();
            if (token.Kind == end)
            {
                CheckPipeline(pipe, context);
                return pipe;
            }

            switch (token.Kind)
            {
                case TokenKind.Bool or TokenKind.CharConstant or TokenKind.Dot or TokenKind.Field or TokenKind.Identifier
                    or TokenKind.Number or TokenKind.Nil or TokenKind.RawString or TokenKind.String or TokenKind.Variable
                    or TokenKind.LeftParen:
                    Backup();
                    pipe.Commands.Add(Command());
                    break;
                default:
                    throw Unexpected(token, context);
            }
        }
    }

    void Declarations(PipeNode pipe, string context)
    {
        while (PeekNonSpace().Kind == TokenKind.Variable)
        {
            var start = _index;
            var variable = NextNonSpace();
            var next = PeekNonSpace();
            if (next.Kind is TokenKind.Assign or TokenKind.Declare)
            {
                pipe.IsAssign = next.Kind == TokenKind.Assign;
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(variable.Position, [variable.Value]));
                _vars.Add(variable.Value);
                return;
            }

            if (next.Kind == TokenKind.Char && next.Value == ",")
            {
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(variable.Position, [variable.Value]));
                _vars.Add(variable.Value);
                if (context == "range" && pipe.Decl.Count < 2)
                {
                    if (PeekNonSpace().Kind is TokenKind.Variable or TokenKind.RightDelim or TokenKind.RightParen)
                    {
                        continue;
                    }

                    throw Error("range can only initialize variables");
                }

                throw Error($"too many declarations in {context}");
            }

            // "$x foo": the variable is an argument, not a declaration.
            _index = start;
            return;
        }
    }

    void CheckPipeline(PipeNode pipe, string context)
    {
        if (pipe.Commands.Count == 0)
        {
            throw Error($"missing value for {context}");
        }

        for (var i = 1; i < pipe.Commands.Count; i++)
        {
            if (pipe.Commands[i].Args[0] is BoolNode or DotNode or NilNode or NumberNode or StringNode)
            {
                throw Error($"non executable command in pipeline stage {i + 1}");
            }
        }
    }

    CommandNode Command()
    {
        var command = new CommandNode(PeekNonSpace().Position);
        while (true)
        {
            PeekNonSpace();
            var operand = Operand();
            if (operand is not null)
            {
                command.Args.Add(operand);
            }

            var token = Next();
            switch (token.Kind)
            {
                case TokenKind.Space:
                    continue;
                case TokenKind.RightDelim or TokenKind.RightParen:
                    Backup();
                    break;
                case TokenKind.Pipe:
                    break;
                default:
                    throw Unexpected(token, "operand");
            }

            break;
        }

        if (command.Args.Count == 0)
        {
            throw Error("empty command");
        }

        return command;
    }

    /// <summary>A term followed by any number of .Field accesses.</summary>
    Node? Operand()
    {
        var node = Term();
        if (node is null)
        {
            return null;
        }

        if (Peek().Kind != TokenKind.Field)
        {
            return node;
        }

        var position = Peek().Position;
        var fields = new List<string>();
        while (Peek().Kind == TokenKind.Field)
        {
            fields.Add(Next().Value[1..]);
        }

        return node switch
        {
            FieldNode f => new FieldNode(f.Position, [.. f.Ident, .. fields]),
            VariableNode v => new VariableNode(v.Position, [.. v.Ident, .. fields]),
            BoolNode or StringNode or NumberNode or NilNode or DotNode => throw Error($"unexpected . after term {GoQuote.Quote(node.ToString()!)}"),
            _ => new ChainNode(position, node, [.. fields]),
        };
    }

    Node? Term()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                var function = FunctionTable.Find(token.Value);
                if (function is null)
                {
                    throw FunctionTable.IsUnsupportedSprig(token.Value)
                        ? Error($"function {GoQuote.Quote(token.Value)} is not supported (a Sprig function Tessera does not implement)")
                        : Error($"function {GoQuote.Quote(token.Value)} not defined");
                }

                return new IdentifierNode(token.Position, token.Value, function);
            case TokenKind.Dot:
                return new DotNode(token.Position);
            case TokenKind.Nil:
                return new NilNode(token.Position);
            case TokenKind.Variable:
                if (!_vars.Contains(token.Value))
                {
                    throw Error($"undefined variable {GoQuote.Quote(token.Value)}");
                }

                return new VariableNode(token.Position, [token.Value]);
            case TokenKind.Field:
                return new FieldNode(token.Position, [token.Value[1..]]);
            case TokenKind.Bool:
                return new BoolNode(token.Position, token.Value == "true");
            case TokenKind.CharConstant or TokenKind.Number:
                var literal = NumberLiteral.Parse(token.Value, token.Kind == TokenKind.CharConstant, out var error);
                if (error is not null)
                {
                    throw Error(error);
                }

                return new NumberNode(token.Position, literal);
            case TokenKind.LeftParen:
                return Pipeline("parenthesized pipeline", TokenKind.RightParen);
            case TokenKind.String or TokenKind.RawString:
                var text = GoQuote.Unquote(token.Value) ?? throw Error("invalid syntax");
                return new StringNode(token.Position, token.Value, text);
        }

        Backup();
        return null;
    }
}
