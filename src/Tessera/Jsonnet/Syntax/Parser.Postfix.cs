namespace Tessera.Jsonnet.Syntax;

internal sealed partial class Parser
{
    Node ParsePostfix(Node node)
    {
        while (true)
        {
            var token = Current;
            if (token.IsPunctuation("."))
            {
                Take();
                var name = ExpectIdentifier("a field name after \".\"");
                node = new Node.Index(token.Location, node, new Node.Literal(token.Location, name));
            }
            else if (token.IsPunctuation("["))
            {
                node = ParseIndexOrSlice(node);
            }
            else if (token.IsPunctuation("("))
            {
                node = ParseCall(node);
            }
            else if (token.IsPunctuation("{"))
            {
                // Spec: "e { … }" is sugar for "e + { … }".
                node = new Node.Binary(token.Location, BinaryOperator.Add, node, ParseObject());
            }
            else
            {
                return node;
            }
        }
    }

    Node ParseIndexOrSlice(Node target)
    {
        var at = ExpectPunctuation("[").Location;
        Node? start = null;
        if (!Current.IsOperator(":") && !Current.IsOperator("::"))
        {
            start = ParseExpression();
            if (Current.IsPunctuation("]"))
            {
                Take();
                return new Node.Index(at, target, start);
            }
        }

        Node? end = null;
        Node? step = null;
        if (Current.IsOperator("::"))
        {
            Take();
            if (!Current.IsPunctuation("]"))
            {
                step = ParseExpression();
            }
        }
        else
        {
            ExpectOperator(":");
            if (!Current.IsPunctuation("]") && !Current.IsOperator(":"))
            {
                end = ParseExpression();
            }

            if (Current.IsOperator(":"))
            {
                Take();
                if (!Current.IsPunctuation("]"))
                {
                    step = ParseExpression();
                }
            }
        }

        ExpectPunctuation("]");
        return new Node.Slice(at, target, start, end, step);
    }

    Node ParseCall(Node target)
    {
        var at = ExpectPunctuation("(").Location;
        var positional = new List<Node>();
        var named = new List<NamedArgument>();
        while (!Current.IsPunctuation(")"))
        {
            if (Current.Kind == TokenKind.Identifier && PeekAt(1).IsOperator("="))
            {
                var name = Take().Text;
                Take();
                if (named.Exists(n => n.Name == name))
                {
                    throw JsonnetException.Static($"argument {name} is given twice", Current.Location);
                }

                named.Add(new NamedArgument(name, ParseExpression()));
            }
            else if (named.Count > 0)
            {
                throw JsonnetException.Static("positional argument after a named argument", Current.Location);
            }
            else
            {
                positional.Add(ParseExpression());
            }

            if (!Current.IsPunctuation(","))
            {
                break;
            }

            Take();
        }

        ExpectPunctuation(")");
        var tailStrict = false;
        if (Current.IsKeyword("tailstrict"))
        {
            Take();
            tailStrict = true;
        }

        return new Node.Apply(at, target, positional, named, tailStrict);
    }
}
