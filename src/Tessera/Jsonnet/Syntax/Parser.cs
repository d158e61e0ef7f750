using System.Runtime.CompilerServices;

namespace Tessera.Jsonnet.Syntax;

/// <summary>
/// Recursive descent over the spec's grammar, with the spec's operator precedence for binary operators. Prefix forms
/// (<c>local</c>, <c>if</c>, <c>function</c>, <c>assert</c>, <c>error</c>) extend as far right as possible.
/// </summary>
internal sealed partial class Parser
{
    readonly List<Token> _tokens;
    int _index;

    Parser(List<Token> tokens) => _tokens = tokens;

    /// <exception cref="JsonnetException">A syntax error, with its location.</exception>
    public static Node Parse(string text, string file)
    {
        var parser = new Parser(Lexer.Tokenize(text, file));
        var root = parser.ParseExpression();
        if (parser.Current.Kind != TokenKind.EndOfFile)
        {
            throw parser.Unexpected("end of file");
        }

        ScopeChecker.Check(root);
        return root;
    }

    Token Current => _tokens[_index];

    Token PeekAt(int ahead) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    Token Take() => _tokens[_index++];

    JsonnetException Unexpected(string expected) =>
        JsonnetException.Static($"expected {expected} but got {Current.Describe()}", Current.Location);

    Token ExpectPunctuation(string text) => Current.IsPunctuation(text) ? Take() : throw Unexpected($"\"{text}\"");

    Token ExpectOperator(string text) => Current.IsOperator(text) ? Take() : throw Unexpected($"\"{text}\"");

    Token ExpectKeyword(string text) => Current.IsKeyword(text) ? Take() : throw Unexpected($"\"{text}\"");

    string ExpectIdentifier(string what) => Current.Kind == TokenKind.Identifier ? Take().Text : throw Unexpected(what);

    Node ParseExpression() => ParseBinary(1);

    static int Precedence(Token token) => token.Kind switch
    {
        TokenKind.Keyword when token.Text == "in" => 7,
        TokenKind.Operator => token.Text switch
        {
            "*" or "/" or "%" => 10,
            "+" or "-" => 9,
            "<<" or ">>" => 8,
            "<" or "<=" or ">" or ">=" => 7,
            "==" or "!=" => 6,
            "&" => 5,
            "^" => 4,
            "|" => 3,
            "&&" => 2,
            "||" => 1,
            _ => 0,
        },
        _ => 0,
    };

    static BinaryOperator BinaryOf(string text) => text switch
    {
        "*" => BinaryOperator.Multiply,
        "/" => BinaryOperator.Divide,
        "%" => BinaryOperator.Modulo,
        "+" => BinaryOperator.Add,
        "-" => BinaryOperator.Subtract,
        "<<" => BinaryOperator.ShiftLeft,
        ">>" => BinaryOperator.ShiftRight,
        "<" => BinaryOperator.Less,
        "<=" => BinaryOperator.LessOrEqual,
        ">" => BinaryOperator.Greater,
        ">=" => BinaryOperator.GreaterOrEqual,
        "in" => BinaryOperator.In,
        "==" => BinaryOperator.Equal,
        "!=" => BinaryOperator.NotEqual,
        "&" => BinaryOperator.BitAnd,
        "^" => BinaryOperator.BitXor,
        "|" => BinaryOperator.BitOr,
        "&&" => BinaryOperator.And,
        _ => BinaryOperator.Or,
    };

    Node ParseBinary(int minimum)
    {
        EnsureStack();
        var left = ParseUnary();
        while (true)
        {
            var token = Current;
            var precedence = Precedence(token);
            if (precedence == 0 || precedence < minimum)
            {
                return left;
            }

            Take();
            if (token.IsKeyword("in") && Current.IsKeyword("super"))
            {
                Take();
                left = new Node.InSuper(token.Location, left);
                continue;
            }

            var right = ParseBinary(precedence + 1);
            left = new Node.Binary(token.Location, BinaryOf(token.Text), left, right);
        }
    }

    Node ParseUnary()
    {
        var token = Current;
        if (token.Kind == TokenKind.Operator && token.Text is "-" or "+" or "!" or "~")
        {
            EnsureStack();
            Take();
            var operand = ParseUnary();
            var op = token.Text switch
            {
                "-" => UnaryOperator.Minus,
                "+" => UnaryOperator.Plus,
                "!" => UnaryOperator.Not,
                _ => UnaryOperator.BitNot,
            };
            return new Node.Unary(token.Location, op, operand);
        }

        if (token.Kind == TokenKind.Operator)
        {
            throw Unexpected("an expression");
        }

        return ParsePostfix(ParsePrimary());
    }

    Node ParsePrimary()
    {
        EnsureStack();
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Take();
                return new Node.Literal(token.Location, token.Number);
            case TokenKind.String:
                Take();
                return new Node.Literal(token.Location, token.Text);
            case TokenKind.Identifier:
                Take();
                return new Node.Var(token.Location, token.Text);
            case TokenKind.Dollar:
                Take();
                return new Node.Dollar(token.Location);
            case TokenKind.Punctuation when token.Text == "(":
            {
                Take();
                var inner = ParseExpression();
                ExpectPunctuation(")");
                return inner;
            }

            case TokenKind.Punctuation when token.Text == "{":
                return ParseObject();
            case TokenKind.Punctuation when token.Text == "[":
                return ParseArray();
            case TokenKind.Keyword:
                return ParseKeyword(token);
            default:
                throw Unexpected("an expression");
        }
    }

    Node ParseKeyword(Token token)
    {
        switch (token.Text)
        {
            case "null":
                Take();
                return new Node.Literal(token.Location, null);
            case "true":
                Take();
                return new Node.Literal(token.Location, true);
            case "false":
                Take();
                return new Node.Literal(token.Location, false);
            case "self":
                Take();
                return new Node.Self(token.Location);
            case "super":
            {
                Take();
                if (Current.IsPunctuation("."))
                {
                    Take();
                    var name = ExpectIdentifier("a field name after \"super.\"");
                    return new Node.SuperIndex(token.Location, new Node.Literal(token.Location, name));
                }

                ExpectPunctuation("[");
                var key = ParseExpression();
                ExpectPunctuation("]");
                return new Node.SuperIndex(token.Location, key);
            }

            case "local":
            {
                Take();
                var bindings = new List<Binding>();
                do
                {
                    if (bindings.Count > 0)
                    {
                        Take();
                    }

                    var binding = ParseBinding();
                    if (bindings.Exists(b => b.Name == binding.Name))
                    {
                        throw JsonnetException.Static($"duplicate local variable {binding.Name}", binding.At);
                    }

                    bindings.Add(binding);
                }
                while (Current.IsPunctuation(","));

                ExpectPunctuation(";");
                return new Node.Local(token.Location, bindings, ParseExpression());
            }

            case "if":
            {
                Take();
                var condition = ParseExpression();
                ExpectKeyword("then");
                var then = ParseExpression();
                Node? otherwise = null;
                if (Current.IsKeyword("else"))
                {
                    Take();
                    otherwise = ParseExpression();
                }

                return new Node.If(token.Location, condition, then, otherwise);
            }

            case "function":
            {
                Take();
                var parameters = ParseParameters();
                return new Node.Function(token.Location, parameters, ParseExpression());
            }

            case "assert":
            {
                Take();
                var assertion = ParseAssertion(token.Location);
                ExpectPunctuation(";");
                return new Node.Assert(token.Location, assertion, ParseExpression());
            }

            case "error":
                Take();
                return new Node.Error(token.Location, ParseExpression());
            case "import" or "importstr" or "importbin":
                // Kratos evaluates templates in a sandbox without an importer; a template is one self-contained file.
                throw JsonnetException.Static($"{token.Text} is not supported: a template must be a single self-contained file", token.Location);
            default:
                throw Unexpected("an expression");
        }
    }

    Binding ParseBinding()
    {
        var at = Current.Location;
        var name = ExpectIdentifier("a variable name");
        if (Current.IsPunctuation("("))
        {
            var parameters = ParseParameters();
            ExpectOperator("=");
            return new Binding(name, new Node.Function(at, parameters, ParseExpression(), name), at);
        }

        ExpectOperator("=");
        return new Binding(name, ParseExpression(), at);
    }

    Assertion ParseAssertion(SourceLocation at)
    {
        var condition = ParseExpression();
        Node? message = null;
        if (Current.IsOperator(":"))
        {
            Take();
            message = ParseExpression();
        }

        return new Assertion(condition, message, at);
    }

    List<Parameter> ParseParameters()
    {
        ExpectPunctuation("(");
        var parameters = new List<Parameter>();
        while (!Current.IsPunctuation(")"))
        {
            var at = Current.Location;
            var name = ExpectIdentifier("a parameter name");
            if (parameters.Exists(p => p.Name == name))
            {
                throw JsonnetException.Static($"duplicate parameter {name}", at);
            }

            Node? defaultValue = null;
            if (Current.IsOperator("="))
            {
                Take();
                defaultValue = ParseExpression();
            }

            parameters.Add(new Parameter(name, defaultValue));
            if (!Current.IsPunctuation(","))
            {
                break;
            }

            Take();
        }

        ExpectPunctuation(")");
        return parameters;
    }

    Node ParseArray()
    {
        var at = ExpectPunctuation("[").Location;
        var elements = new List<Node>();
        while (!Current.IsPunctuation("]"))
        {
            elements.Add(ParseExpression());
            if (elements.Count == 1 && (Current.IsKeyword("for") || (Current.IsPunctuation(",") && PeekAt(1).IsKeyword("for"))))
            {
                if (Current.IsPunctuation(","))
                {
                    Take();
                }

                var clauses = ParseClauses();
                ExpectPunctuation("]");
                return new Node.ArrayComprehension(at, elements[0], clauses);
            }

            if (!Current.IsPunctuation(","))
            {
                break;
            }

            Take();
        }

        ExpectPunctuation("]");
        return new Node.Array(at, elements);
    }

    List<ComprehensionClause> ParseClauses()
    {
        var clauses = new List<ComprehensionClause>();
        var first = ExpectKeyword("for");
        var variable = ExpectIdentifier("a variable name after \"for\"");
        ExpectKeyword("in");
        clauses.Add(new ComprehensionClause(variable, ParseExpression(), first.Location));
        while (Current.IsKeyword("for") || Current.IsKeyword("if"))
        {
            var token = Take();
            if (token.Text == "for")
            {
                var name = ExpectIdentifier("a variable name after \"for\"");
                ExpectKeyword("in");
                clauses.Add(new ComprehensionClause(name, ParseExpression(), token.Location));
            }
            else
            {
                clauses.Add(new ComprehensionClause(null, ParseExpression(), token.Location));
            }
        }

        return clauses;
    }

    void EnsureStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw JsonnetException.Static("the expression is nested too deeply", Current.Location);
        }
    }
}
