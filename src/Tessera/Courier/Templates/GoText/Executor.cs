using System.Text;

namespace Tessera.Courier.Templates.GoText;

/// <summary>
/// One execution of a template set: walks the parse tree with Go's rules for dot, variables (scoped to the end of
/// the enclosing if/with/range, none inherited by {{template}}), truth, range order and printing.
/// </summary>
internal sealed partial class Executor
{
    const int MaxDepth = 1000;

    readonly GoTemplate _set;
    readonly StringBuilder _output = new();
    readonly HtmlWriter? _html;
    readonly FunctionContext _functions;
    List<(string Name, object? Value)> _vars = [];
    TemplateDefinition _current;
    Node? _node;
    int _depth;

    enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    Executor(GoTemplate set, TemplateDefinition entry, TimeProvider time)
    {
        _set = set;
        _current = entry;
        _html = set.Mode == TemplateMode.Html ? new HtmlWriter() : null;
        _functions = new FunctionContext(time);
    }

    public static string Run(GoTemplate set, TemplateDefinition entry, object? data, TimeProvider time)
    {
        var executor = new Executor(set, entry, time);
        executor._vars.Add(("$", data));
        executor.Walk(data, entry.Tree);
        return executor._output.ToString();
    }

    TemplateException Error(string message)
    {
        var text = _current.Text;
        var position = Math.Min(_node?.Position ?? 0, text.Length);
        var line = Lexer.LineOf(text, position);
        var lineStart = position == 0 ? 0 : text.LastIndexOf('\n', position - 1) + 1;
        var column = System.Text.Encoding.UTF8.GetByteCount(text.AsSpan(lineStart, position - lineStart));
        var context = _node?.ToString() ?? "";
        if (context.Length > 20)
        {
            context = context[..20] + "...";
        }

        return new TemplateException(
            $"template: {_current.FileName}:{line}:{column}: executing {GoQuote.Quote(_current.Name)} at <{context}>: {message}",
            _current.Name,
            line,
            isParseError: false);
    }

    Flow Walk(object? dot, Node node)
    {
        _node = node;
        EnsureStack();
        switch (node)
        {
            case ActionNode action:
                string? predefined = null;
                var value = _html is null ? EvalPipeline(dot, action.Pipe) : EvalActionForHtml(dot, action.Pipe, out predefined);
                if (action.Pipe.Decl.Count == 0)
                {
                    _predefinedEscaper = predefined;
                    PrintValue(action, value);
                }

                return Flow.Normal;
            case ListNode list:
                foreach (var child in list.Nodes)
                {
                    var flow = Walk(dot, child);
                    if (flow != Flow.Normal)
                    {
                        return flow;
                    }
                }

                return Flow.Normal;
            case TextNode text:
                if (_html is null)
                {
                    _output.Append(text.Text);
                }
                else
                {
                    WriteHtml(() => _html.WriteText(_output, text.Text));
                }

                return Flow.Normal;
            case BranchNode { Kind: BranchKind.Range } range:
                return WalkRange(dot, range);
            case BranchNode branch:
                return WalkIfOrWith(dot, branch);
            case TemplateNode template:
                WalkTemplate(dot, template);
                return Flow.Normal;
            case BreakNode:
                return Flow.Break;
            case ContinueNode:
                return Flow.Continue;
            default:
                throw Error($"unknown node: {node}");
        }
    }

    void WriteHtml(Action write)
    {
        try
        {
            write();
        }
        catch (HtmlEscapeException e)
        {
            throw new TemplateException(
                $"html/template:{_current.FileName}:{Lexer.LineOf(_current.Text, _node?.Position ?? 0)}: {e.Message}",
                _current.Name,
                Lexer.LineOf(_current.Text, _node?.Position ?? 0),
                isParseError: false);
        }
    }

    Flow WalkIfOrWith(object? dot, BranchNode branch)
    {
        var mark = _vars.Count;
        try
        {
            var value = EvalPipeline(dot, branch.Pipe);
            if (GoValues.IsTrue(value))
            {
                return Walk(branch.Kind == BranchKind.With ? value : dot, branch.List);
            }

            return branch.ElseList is null ? Flow.Normal : Walk(dot, branch.ElseList);
        }
        finally
        {
            Pop(mark);
        }
    }

    Flow WalkRange(object? dot, BranchNode range)
    {
        var mark = _vars.Count;
        try
        {
            var value = EvalPipeline(dot, range.Pipe);
            var bodyMark = _vars.Count;
            var decl = range.Pipe.Decl;

            // Returns false when the loop must stop ({{break}}); a {{continue}} just ends this iteration.
            bool Iteration(object? index, object? element)
            {
                if (decl.Count > 0)
                {
                    if (range.Pipe.IsAssign)
                    {
                        SetVar(decl[0].Ident[0], decl.Count > 1 ? index : element);
                    }
                    else
                    {
                        _vars[^1] = (_vars[^1].Name, element);
                    }
                }

                if (decl.Count > 1)
                {
                    if (range.Pipe.IsAssign)
                    {
                        SetVar(decl[1].Ident[0], element);
                    }
                    else
                    {
                        _vars[^2] = (_vars[^2].Name, index);
                    }
                }

                var flow = Walk(element, range.List);
                Pop(bodyMark);
                return flow != Flow.Break;
            }

            switch (value)
            {
                case List<object?> list when list.Count > 0:
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (!Iteration((long)i, list[i]))
                        {
                            break;
                        }
                    }

                    return Flow.Normal;
                case GoMap map when map.Count > 0:
                    foreach (var key in map.SortedKeys.ToList())
                    {
                        if (!Iteration(key, map.Entries.GetValueOrDefault(key)))
                        {
                            break;
                        }
                    }

                    return Flow.Normal;
                case long count when count > 0:
                    // Go 1.22+ ranges over an integer: 0 … n-1.
                    if (decl.Count > 1)
                    {
                        _node = range;
                        throw Error($"can't use {count} to iterate over more than one variable");
                    }

                    for (long i = 0; i < count; i++)
                    {
                        if (!Iteration(i, i))
                        {
                            break;
                        }
                    }

                    return Flow.Normal;
                case List<object?> or GoMap or long or null or Missing:
                    break;
                default:
                    _node = range;
                    throw Error($"range can't iterate over {GoFormat.FormatV(value)}");
            }

            return range.ElseList is null ? Flow.Normal : Walk(dot, range.ElseList);
        }
        finally
        {
            Pop(mark);
        }
    }

    void WalkTemplate(object? dot, TemplateNode node)
    {
        var definition = _set.Find(node.Name) ?? throw Error($"template {GoQuote.Quote(node.Name)} not defined");
        if (_depth >= MaxDepth)
        {
            throw Error($"exceeded maximum template depth ({MaxDepth})");
        }

        var newDot = node.Pipe is null ? Missing.Value : EvalPipeline(dot, node.Pipe);
        var (vars, current) = (_vars, _current);
        _vars = [("$", newDot)];
        _current = definition;
        _depth++;
        try
        {
            Walk(newDot, definition.Tree);
        }
        finally
        {
            _depth--;
            (_vars, _current) = (vars, current);
        }
    }

    void PrintValue(ActionNode action, object? value)
    {
        _node = action;
        try
        {
            if (_html is null)
            {
                _output.Append(GoFormat.Print(value));
                return;
            }

            WriteHtml(() => _html.WriteValue(_output, value, _predefinedEscaper));
        }
        catch (FunctionException e)
        {
            throw Error(e.Message);
        }
    }

    /// <summary>Deeply nested or recursive templates end with an error, never with a stack overflow of the server.</summary>
    void EnsureStack()
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error("template nesting is too deep");
        }
    }

    void Pop(int mark) => _vars.RemoveRange(mark, _vars.Count - mark);

    void SetVar(string name, object? value)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name)
            {
                _vars[i] = (name, value);
                return;
            }
        }

        throw Error($"undefined variable: {name}");
    }

    object? VarValue(string name)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name)
            {
                return _vars[i].Value;
            }
        }

        throw Error($"undefined variable: {name}");
    }
}
