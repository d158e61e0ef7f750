namespace Tessera.Jsonnet.Syntax;

/// <summary>
/// An expression of the abstract syntax, one nested record per form of the spec's grammar. Evaluation walks these
/// directly; the few sugared forms (<c>e { }</c>, <c>a.b</c>, methods) are lowered by the parser.
/// </summary>
internal abstract record Node(SourceLocation At)
{
    internal sealed record Literal(SourceLocation At, object? Value) : Node(At);

    internal sealed record Self(SourceLocation At) : Node(At);

    internal sealed record Dollar(SourceLocation At) : Node(At);

    internal sealed record Var(SourceLocation At, string Name) : Node(At);

    internal sealed record Local(SourceLocation At, IReadOnlyList<Binding> Bindings, Node Body) : Node(At);

    internal sealed record If(SourceLocation At, Node Condition, Node Then, Node? Else) : Node(At);

    internal sealed record Function(SourceLocation At, IReadOnlyList<Parameter> Parameters, Node Body, string Name = "anonymous") : Node(At);

    internal sealed record Apply(SourceLocation At, Node Target, IReadOnlyList<Node> Positional, IReadOnlyList<NamedArgument> Named, bool TailStrict)
        : Node(At);

    internal sealed record Index(SourceLocation At, Node Target, Node Key) : Node(At);

    internal sealed record SuperIndex(SourceLocation At, Node Key) : Node(At);

    internal sealed record InSuper(SourceLocation At, Node Key) : Node(At);

    internal sealed record Slice(SourceLocation At, Node Target, Node? Start, Node? End, Node? Step) : Node(At);

    internal sealed record Binary(SourceLocation At, BinaryOperator Operator, Node Left, Node Right) : Node(At);

    internal sealed record Unary(SourceLocation At, UnaryOperator Operator, Node Operand) : Node(At);

    internal sealed record Array(SourceLocation At, IReadOnlyList<Node> Elements) : Node(At);

    internal sealed record ArrayComprehension(SourceLocation At, Node Body, IReadOnlyList<ComprehensionClause> Clauses) : Node(At);

    internal sealed record Object(SourceLocation At, IReadOnlyList<Binding> Locals, IReadOnlyList<Field> Fields, IReadOnlyList<Assertion> Asserts)
        : Node(At);

    internal sealed record ObjectComprehension(SourceLocation At, IReadOnlyList<Binding> Locals, Node Key, Node Value, bool Plus,
        IReadOnlyList<ComprehensionClause> Clauses) : Node(At);

    internal sealed record Error(SourceLocation At, Node Value) : Node(At);

    internal sealed record Assert(SourceLocation At, Assertion Assertion, Node Rest) : Node(At);
}

/// <summary><c>name = body</c> in a <c>local</c>; functions (<c>f(x) = …</c>) arrive here as a <see cref="Node.Function"/> body.</summary>
internal sealed record Binding(string Name, Node Body, SourceLocation At);

internal sealed record Parameter(string Name, Node? Default);

internal sealed record NamedArgument(string Name, Node Value);

internal sealed record Assertion(Node Condition, Node? Message, SourceLocation At);

/// <summary>A field of an object literal; a fixed name is a <see cref="Node.Literal"/> string.</summary>
internal sealed record Field(Node Name, FieldVisibility Visibility, bool Plus, Node Body, SourceLocation At);

/// <summary><c>for x in e</c> (<see cref="Variable"/> set) or <c>if e</c>.</summary>
internal sealed record ComprehensionClause(string? Variable, Node Expression, SourceLocation At);

internal enum FieldVisibility
{
    /// <summary><c>:</c> — visible unless a lower layer hides it.</summary>
    Inherit,

    /// <summary><c>::</c></summary>
    Hidden,

    /// <summary><c>:::</c></summary>
    Visible,
}

internal enum BinaryOperator
{
    Multiply, Divide, Modulo, Add, Subtract, ShiftLeft, ShiftRight, Less, LessOrEqual, Greater, GreaterOrEqual, In, Equal, NotEqual,
    BitAnd, BitXor, BitOr, And, Or,
}

internal enum UnaryOperator
{
    Minus, Plus, Not, BitNot,
}
