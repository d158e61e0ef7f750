namespace Tessera.Jsonnet.Evaluation;

/// <summary>A computed Jsonnet value: null, boolean, number, string, array, object or function.</summary>
internal abstract class Value : Thunk
{
    /// <summary>The name <c>std.type</c> gives.</summary>
    public abstract string TypeName { get; }

    public sealed override Value Force() => this;
}
