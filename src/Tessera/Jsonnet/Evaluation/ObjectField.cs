using Tessera.Jsonnet.Syntax;

namespace Tessera.Jsonnet.Evaluation;

/// <summary>
/// One field of one object layer: an expression evaluated with <c>self</c> bound late (in <see cref="Scope"/> plus the
/// layer's locals), or a value made by the standard library.
/// </summary>
internal sealed class ObjectField
{
    public ObjectField(FieldVisibility visibility, bool plus, Node body, Scope scope)
    {
        Visibility = visibility;
        Plus = plus;
        Body = body;
        Scope = scope;
    }

    public ObjectField(Thunk value, FieldVisibility visibility = FieldVisibility.Inherit)
    {
        Visibility = visibility;
        Value = value;
    }

    public FieldVisibility Visibility { get; }

    /// <summary><c>+:</c>: the value is added to the same field of the layers below, if there is one.</summary>
    public bool Plus { get; }

    public Node? Body { get; }

    /// <summary>The scope the body was written in (for a comprehension, the iteration's scope).</summary>
    public Scope? Scope { get; }

    public Thunk? Value { get; }
}
