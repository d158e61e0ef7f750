using System.Text;

namespace Tessera.Courier.Templates.GoText;

// The parse tree: one closed hierarchy kept in one file, like Go's parse/node.go. ToString renders a node the way Go
// does in error messages ("executing \"x\" at <.Foo>").

internal abstract class Node(int position)
{
    /// <summary>Offset of the node in the template text, for error locations.</summary>
    public int Position { get; } = position;
}

internal sealed class ListNode(int position) : Node(position)
{
    public List<Node> Nodes { get; } = [];

    public override string ToString() => string.Concat(Nodes.Select(n => n.ToString()));
}

internal sealed class TextNode(int position, string text) : Node(position)
{
    public string Text { get; } = text;

    public override string ToString() => GoQuote.Quote(Text);
}

internal sealed class ActionNode(int position, PipeNode pipe) : Node(position)
{
    public PipeNode Pipe { get; } = pipe;

    public override string ToString() => "{{" + Pipe + "}}";
}

internal sealed class PipeNode(int position) : Node(position)
{
    public bool IsAssign { get; set; }

    public List<VariableNode> Decl { get; } = [];

    public List<CommandNode> Commands { get; } = [];

    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Decl.Count > 0)
        {
            sb.AppendJoin(", ", Decl.Select(d => d.ToString()));
            sb.Append(IsAssign ? " = " : " := ");
        }

        sb.AppendJoin(" | ", Commands.Select(c => c.ToString()));
        return sb.ToString();
    }
}

internal sealed class CommandNode(int position) : Node(position)
{
    public List<Node> Args { get; } = [];

    public override string ToString() =>
        string.Join(" ", Args.Select(a => a is PipeNode ? "(" + a + ")" : a.ToString()));
}

internal sealed class IdentifierNode(int position, string name, GoFunction function) : Node(position)
{
    public string Name { get; } = name;

    public GoFunction Function { get; } = function;

    public override string ToString() => Name;
}

internal sealed class VariableNode(int position, string[] ident) : Node(position)
{
    /// <summary>"$x" then the field names of "$x.A.B".</summary>
    public string[] Ident { get; } = ident;

    public override string ToString() => string.Join(".", Ident);
}

internal sealed class FieldNode(int position, string[] ident) : Node(position)
{
    public string[] Ident { get; } = ident;

    public override string ToString() => "." + string.Join(".", Ident);
}

/// <summary>A term followed by field accesses, such as <c>(index .A 0).Name</c>.</summary>
internal sealed class ChainNode(int position, Node node, string[] fields) : Node(position)
{
    public Node Node { get; } = node;

    public string[] Fields { get; } = fields;

    public override string ToString() =>
        (Node is PipeNode ? "(" + Node + ")" : Node.ToString()) + "." + string.Join(".", Fields);
}

internal sealed class DotNode(int position) : Node(position)
{
    public override string ToString() => ".";
}

internal sealed class NilNode(int position) : Node(position)
{
    public override string ToString() => "nil";
}

internal sealed class BoolNode(int position, bool value) : Node(position)
{
    public bool Value { get; } = value;

    public override string ToString() => Value ? "true" : "false";
}

internal sealed class NumberNode(int position, NumberLiteral literal) : Node(position)
{
    public NumberLiteral Literal { get; } = literal;

    public override string ToString() => Literal.Text;
}

internal sealed class StringNode(int position, string quoted, string text) : Node(position)
{
    public string Quoted { get; } = quoted;

    public string Text { get; } = text;

    public override string ToString() => Quoted;
}

internal enum BranchKind
{
    If,
    Range,
    With,
}

/// <summary>if, range and with share one shape: a pipeline, a body and an optional else body.</summary>
internal sealed class BranchNode(int position, BranchKind kind, PipeNode pipe, ListNode list, ListNode? elseList) : Node(position)
{
    public BranchKind Kind { get; } = kind;

    public PipeNode Pipe { get; } = pipe;

    public ListNode List { get; } = list;

    public ListNode? ElseList { get; } = elseList;

    public override string ToString()
    {
        var name = Kind switch { BranchKind.If => "if", BranchKind.Range => "range", _ => "with" };
        return ElseList is null
            ? $"{{{{{name} {Pipe}}}}}{List}{{{{end}}}}"
            : $"{{{{{name} {Pipe}}}}}{List}{{{{else}}}}{ElseList}{{{{end}}}}";
    }
}

internal sealed class TemplateNode(int position, string name, PipeNode? pipe) : Node(position)
{
    public string Name { get; } = name;

    public PipeNode? Pipe { get; } = pipe;

    public override string ToString() =>
        Pipe is null ? $"{{{{template {GoQuote.Quote(Name)}}}}}" : $"{{{{template {GoQuote.Quote(Name)} {Pipe}}}}}";
}

internal sealed class BreakNode(int position) : Node(position)
{
    public override string ToString() => "{{break}}";
}

internal sealed class ContinueNode(int position) : Node(position)
{
    public override string ToString() => "{{continue}}";
}

/// <summary>{{end}} and {{else}} only exist while parsing: they close the list being read.</summary>
internal sealed class DelimiterNode(int position, bool isElse) : Node(position)
{
    public bool IsElse { get; } = isElse;

    public override string ToString() => IsElse ? "{{else}}" : "{{end}}";
}
