using Tessera.Jsonnet.Syntax;

namespace Tessera.Jsonnet.Evaluation;

/// <summary>
/// One object literal's contribution to an object: its fields, locals and assertions. <c>a + b</c> stacks b's layers
/// on a's, so <c>self</c> and <c>super</c> resolve against the combined object (late binding).
/// </summary>
internal sealed class ObjectLayer(Dictionary<string, ObjectField> fields, IReadOnlyList<Binding> locals, IReadOnlyList<Assertion> asserts,
    Scope? scope)
{
    public static readonly IReadOnlyList<Binding> NoLocals = [];
    public static readonly IReadOnlyList<Assertion> NoAsserts = [];

    public Dictionary<string, ObjectField> Fields { get; } = fields;

    public IReadOnlyList<Binding> Locals { get; } = locals;

    public IReadOnlyList<Assertion> Asserts { get; } = asserts;

    /// <summary>Where the literal was written; the assertions are evaluated there.</summary>
    public Scope? Scope { get; } = scope;

    public static ObjectLayer Of(Dictionary<string, ObjectField> fields) => new(fields, NoLocals, NoAsserts, null);
}
