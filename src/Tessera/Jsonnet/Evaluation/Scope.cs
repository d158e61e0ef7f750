namespace Tessera.Jsonnet.Evaluation;

/// <summary>
/// The variables an expression sees, plus the object context (<c>self</c>, the layer <c>super</c> starts below, and
/// <c>$</c>). Scopes are chained; a <c>local</c> adds one link holding all its (mutually recursive) bindings.
/// </summary>
internal sealed class Scope
{
    readonly Scope? _parent;
    readonly string[] _names;
    readonly Thunk[] _values;

    Scope(Scope? parent, string[] names, Thunk[] values, ObjectValue? self, int superLayer, ObjectValue? dollar)
    {
        _parent = parent;
        _names = names;
        _values = values;
        Self = self;
        SuperLayer = superLayer;
        Dollar = dollar;
    }

    public ObjectValue? Self { get; }

    /// <summary>The index of the layer of <see cref="Self"/> the current field belongs to; <c>super</c> looks below it.</summary>
    public int SuperLayer { get; }

    public ObjectValue? Dollar { get; }

    public static Scope Root(string[] names, Thunk[] values) => new(null, names, values, null, 0, null);

    /// <summary>A child scope with the given names; <paramref name="values"/> may be filled in after the call (recursion).</summary>
    public Scope Bind(string[] names, Thunk[] values) => new(this, names, values, Self, SuperLayer, Dollar);

    public Scope Bind(string name, Thunk value) => Bind([name], [value]);

    /// <summary>The scope of one layer of an object: <c>self</c> is the whole object, <c>$</c> the outermost one.</summary>
    public Scope ForObject(ObjectValue self, int layer) => new(this, [], [], self, layer, Dollar ?? self);

    public Thunk? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            var names = scope._names;
            for (var i = 0; i < names.Length; i++)
            {
                if (names[i] == name)
                {
                    return scope._values[i];
                }
            }
        }

        return null;
    }
}
