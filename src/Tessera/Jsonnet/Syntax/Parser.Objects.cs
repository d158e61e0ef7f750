namespace Tessera.Jsonnet.Syntax;

internal sealed partial class Parser
{
    Node ParseObject()
    {
        var at = ExpectPunctuation("{").Location;
        var locals = new List<Binding>();
        var fields = new List<Field>();
        var asserts = new List<Assertion>();
        while (!Current.IsPunctuation("}"))
        {
            var token = Current;
            if (token.IsKeyword("local"))
            {
                Take();
                var binding = ParseBinding();
                if (locals.Exists(b => b.Name == binding.Name))
                {
                    throw JsonnetException.Static($"duplicate local variable {binding.Name}", binding.At);
                }

                locals.Add(binding);
            }
            else if (token.IsKeyword("assert"))
            {
                Take();
                asserts.Add(ParseAssertion(token.Location));
            }
            else
            {
                fields.Add(ParseField());
            }

            if (Current.IsKeyword("for") || (Current.IsPunctuation(",") && PeekAt(1).IsKeyword("for")))
            {
                if (Current.IsPunctuation(","))
                {
                    Take();
                }

                return FinishComprehension(at, locals, fields, asserts);
            }

            if (!Current.IsPunctuation(","))
            {
                break;
            }

            Take();
        }

        ExpectPunctuation("}");
        return new Node.Object(at, locals, fields, asserts);
    }

    Node FinishComprehension(SourceLocation at, List<Binding> locals, List<Field> fields, List<Assertion> asserts)
    {
        if (fields.Count != 1 || asserts.Count > 0)
        {
            throw JsonnetException.Static("an object comprehension must have exactly one field and no assertions", at);
        }

        var field = fields[0];
        if (field.Name is Node.Literal)
        {
            throw JsonnetException.Static("an object comprehension's field name must be computed: [expression]", field.At);
        }

        if (field.Visibility != FieldVisibility.Inherit)
        {
            throw JsonnetException.Static("an object comprehension cannot have hidden or forced-visible fields", field.At);
        }

        var clauses = ParseClauses();
        ExpectPunctuation("}");
        return new Node.ObjectComprehension(at, locals, field.Name, field.Body, field.Plus, clauses);
    }

    Field ParseField()
    {
        var token = Current;
        Node name;
        var computed = false;
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                Take();
                name = new Node.Literal(token.Location, token.Text);
                break;
            case TokenKind.String:
                Take();
                name = new Node.Literal(token.Location, token.Text);
                break;
            case TokenKind.Punctuation when token.Text == "[":
                Take();
                name = ParseExpression();
                ExpectPunctuation("]");
                computed = true;
                break;
            default:
                throw Unexpected("a field name");
        }

        List<Parameter>? parameters = null;
        if (Current.IsPunctuation("("))
        {
            parameters = ParseParameters();
        }

        var separator = Current;
        var (plus, visibility) = separator.Kind == TokenKind.Operator
            ? separator.Text switch
            {
                ":" => (false, FieldVisibility.Inherit),
                "::" => (false, FieldVisibility.Hidden),
                ":::" => (false, FieldVisibility.Visible),
                "+:" => (true, FieldVisibility.Inherit),
                "+::" => (true, FieldVisibility.Hidden),
                "+:::" => (true, FieldVisibility.Visible),
                _ => throw Unexpected("\":\", \"::\", \":::\" or \"+:\" after a field name"),
            }
            : throw Unexpected("\":\" after a field name");
        Take();
        if (plus && parameters is not null)
        {
            throw JsonnetException.Static("a method cannot use +:", separator.Location);
        }

        var body = ParseExpression();
        if (parameters is not null)
        {
            var methodName = !computed && name is Node.Literal { Value: string s } ? s : "anonymous";
            body = new Node.Function(token.Location, parameters, body, methodName);
        }

        return new Field(name, visibility, plus, body, token.Location);
    }
}
