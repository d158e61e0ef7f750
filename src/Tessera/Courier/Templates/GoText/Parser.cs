namespace Tessera.Courier.Templates.GoText;

/// <summary>
/// Builds parse trees from tokens with text/template/parse's grammar and checks: functions must exist, variables must
/// be declared, break/continue only inside range, define only at the top level. One call parses one file: its body
/// and the templates it defines (define and block).
/// </summary>
internal sealed partial class Parser
{
    readonly string _name;
    readonly List<Token> _tokens;
    readonly Dictionary<string, ListNode> _definitions = new(StringComparer.Ordinal);
    int _index;
    int _line = 1;
    int _actionLine;
    List<string> _vars = ["$"];
    int _rangeDepth;

    Parser(string name, string text)
    {
        _name = name;
        _tokens = Lexer.Tokenize(text);
    }

    /// <summary>Parses one file; the result maps each template name (the file's own name first) to its tree.</summary>
    public static List<(string Name, ListNode Tree)> Parse(string name, string text)
    {
        var parser = new Parser(name, text);
        var root = parser.ParseTop();
        parser.AddDefinition(name, root);
        var result = new List<(string, ListNode)> { (name, parser._definitions[name]) };
        result.AddRange(parser._definitions.Where(d => d.Key != name).Select(d => (d.Key, d.Value)));
        return result;
    }

    /// <summary>Go's IsEmptyTree: only whitespace text, so a file of nothing but defines does not replace a template.</summary>
    public static bool IsEmpty(ListNode list) =>
        list.Nodes.All(n => n is TextNode t && string.IsNullOrWhiteSpace(t.Text));

    TemplateException Error(string message) =>
        new($"template: {_name}:{_line}: {message}", _name, _line, isParseError: true);

    Token Next()
    {
        var token = _index < _tokens.Count ? _tokens[_index] : _tokens[^1];
        _index = Math.Min(_index + 1, _tokens.Count);
        _line = token.Line;
        return token;
    }

    void Backup() => _index--;

    Token Peek() => _index < _tokens.Count ? _tokens[_index] : _tokens[^1];

    Token NextNonSpace()
    {
        Token token;
        do
        {
            token = Next();
        }
        while (token.Kind == TokenKind.Space);

        return token;
    }

    Token PeekNonSpace()
    {
        var token = NextNonSpace();
        Backup();
        return token;
    }

    Token Expect(TokenKind kind, string context)
    {
        var token = NextNonSpace();
        if (token.Kind != kind)
        {
            throw Unexpected(token, context);
        }

        return token;
    }

    TemplateException Unexpected(Token token, string context)
    {
        if (token.Kind == TokenKind.Error)
        {
            var extra = "";
            if (_actionLine != 0 && _actionLine != token.Line)
            {
                extra = $" in action started at {_name}:{_actionLine}";
                if (token.Value.EndsWith(" action", StringComparison.Ordinal))
                {
                    extra = extra[" in action".Length..];
                }
            }

            return Error(token.Value + extra);
        }

        return Error($"unexpected {token.Describe()} in {context}");
    }

    ListNode ParseTop()
    {
        var root = new ListNode(Peek().Position);
        while (Peek().Kind != TokenKind.Eof)
        {
            if (Peek().Kind == TokenKind.LeftDelim)
            {
                var delimIndex = _index;
                Next();
                if (NextNonSpace().Kind == TokenKind.Define)
                {
                    ParseDefinition();
                    continue;
                }

                _index = delimIndex;
            }

            var node = TextOrAction();
            if (node is DelimiterNode)
            {
                throw Error($"unexpected {node}");
            }

            root.Nodes.Add(node);
        }

        if (Peek().Kind == TokenKind.Error)
        {
            throw Unexpected(Peek(), "input");
        }

        return root;
    }

    void ParseDefinition()
    {
        const string Context = "define clause";
        var nameToken = NextNonSpace();
        if (nameToken.Kind is not (TokenKind.String or TokenKind.RawString))
        {
            throw Unexpected(nameToken, Context);
        }

        var name = GoQuote.Unquote(nameToken.Value) ?? throw Error("invalid syntax");
        Expect(TokenKind.RightDelim, Context);
        var (list, end) = InNewScope(ItemList);
        if (end is not DelimiterNode { IsElse: false })
        {
            throw Error($"unexpected {end} in {Context}");
        }

        AddDefinition(name, list);
    }

    /// <summary>A define or block body is a template of its own: fresh variables, not inside any range.</summary>
    T InNewScope<T>(Func<T> parse)
    {
        var (vars, depth) = (_vars, _rangeDepth);
        (_vars, _rangeDepth) = (["$"], 0);
        try
        {
            return parse();
        }
        finally
        {
            (_vars, _rangeDepth) = (vars, depth);
        }
    }

    void AddDefinition(string name, ListNode list)
    {
        if (_definitions.TryGetValue(name, out var existing) && !IsEmpty(existing))
        {
            if (!IsEmpty(list))
            {
                throw Error($"template: multiple definition of template {GoQuote.Quote(name)}");
            }

            return;
        }

        _definitions[name] = list;
    }

    (ListNode List, Node End) ItemList()
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error("max nesting depth exceeded");
        }

        var list = new ListNode(PeekNonSpace().Position);
        while (PeekNonSpace().Kind != TokenKind.Eof)
        {
            var node = TextOrAction();
            if (node is DelimiterNode)
            {
                return (list, node);
            }

            list.Nodes.Add(node);
        }

        if (Peek().Kind == TokenKind.Error)
        {
            throw Unexpected(Peek(), "input");
        }

        throw Error("unexpected EOF");
    }

    Node TextOrAction()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Text:
                return new TextNode(token.Position, token.Value);
            case TokenKind.LeftDelim:
                _actionLine = token.Line;
                try
                {
                    return Action();
                }
                finally
                {
                    _actionLine = 0;
                }

            default:
                throw Unexpected(token, "input");
        }
    }

    Node Action()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Block:
                return BlockControl(token);
            case TokenKind.Break:
            case TokenKind.Continue:
                var closing = NextNonSpace();
                var word = token.Kind == TokenKind.Break ? "break" : "continue";
                if (closing.Kind != TokenKind.RightDelim)
                {
                    throw Unexpected(closing, "{{" + word + "}}");
                }

                if (_rangeDepth == 0)
                {
                    throw Error($"{{{{{word}}}}} outside {{{{range}}}}");
                }

                return token.Kind == TokenKind.Break ? new BreakNode(token.Position) : new ContinueNode(token.Position);
            case TokenKind.Else:
                var peek = PeekNonSpace();
                if (peek.Kind is TokenKind.If or TokenKind.With)
                {
                    return new DelimiterNode(peek.Position, isElse: true);
                }

                return new DelimiterNode(Expect(TokenKind.RightDelim, "else").Position, isElse: true);
            case TokenKind.End:
                return new DelimiterNode(Expect(TokenKind.RightDelim, "end").Position, isElse: false);
            case TokenKind.If:
                return Control(BranchKind.If, token);
            case TokenKind.Range:
                return Control(BranchKind.Range, token);
            case TokenKind.With:
                return Control(BranchKind.With, token);
            case TokenKind.Template:
                return TemplateControl(token);
        }

        Backup();
        return new ActionNode(Peek().Position, Pipeline("command", TokenKind.RightDelim));
    }

    BranchNode Control(BranchKind kind, Token keyword)
    {
        var context = kind switch { BranchKind.If => "if", BranchKind.Range => "range", _ => "with" };
        var varsBefore = _vars.Count;
        try
        {
            var pipe = Pipeline(context, TokenKind.RightDelim);
            if (kind == BranchKind.Range)
            {
                _rangeDepth++;
            }

            var (list, next) = ItemList();
            if (kind == BranchKind.Range)
            {
                _rangeDepth--;
            }

            ListNode? elseList = null;
            if (next is DelimiterNode { IsElse: true })
            {
                // "else if" and "else with" read as {{else}}{{if …}}…{{end}}{{end}} with the outer end implied.
                if (kind == BranchKind.If && Peek().Kind == TokenKind.If)
                {
                    var ifToken = Next();
                    elseList = new ListNode(next.Position);
                    elseList.Nodes.Add(Control(BranchKind.If, ifToken));
                }
                else if (kind == BranchKind.With && Peek().Kind == TokenKind.With)
                {
                    var withToken = Next();
                    elseList = new ListNode(next.Position);
                    elseList.Nodes.Add(Control(BranchKind.With, withToken));
                }
                else
                {
                    (elseList, next) = ItemList();
                    if (next is not DelimiterNode { IsElse: false })
                    {
                        throw Error($"expected end; found {next}");
                    }
                }
            }

            return new BranchNode(keyword.Position, kind, pipe, list, elseList);
        }
        finally
        {
            _vars.RemoveRange(varsBefore, _vars.Count - varsBefore);
        }
    }

    TemplateNode BlockControl(Token keyword)
    {
        const string Context = "block clause";
        var name = TemplateName(NextNonSpace(), Context);
        var pipe = Pipeline(Context, TokenKind.RightDelim);
        var (list, end) = InNewScope(ItemList);
        if (end is not DelimiterNode { IsElse: false })
        {
            throw Error($"unexpected {end} in {Context}");
        }

        AddDefinition(name, list);
        return new TemplateNode(keyword.Position, name, pipe);
    }

    TemplateNode TemplateControl(Token keyword)
    {
        const string Context = "template clause";
        var name = TemplateName(NextNonSpace(), Context);
        PipeNode? pipe = null;
        if (NextNonSpace().Kind != TokenKind.RightDelim)
        {
            Backup();
            pipe = Pipeline(Context, TokenKind.RightDelim);
        }

        return new TemplateNode(keyword.Position, name, pipe);
    }

    string TemplateName(Token token, string context)
    {
        if (token.Kind is not (TokenKind.String or TokenKind.RawString))
        {
            throw Unexpected(token, context);
        }

        return GoQuote.Unquote(token.Value) ?? throw Error("invalid syntax");
    }
}
