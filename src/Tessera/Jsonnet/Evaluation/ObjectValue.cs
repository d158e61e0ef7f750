using Tessera.Jsonnet.Syntax;

namespace Tessera.Jsonnet.Evaluation;

/// <summary>
/// An object: a stack of layers, bottom first. A field is looked up from the top; its body is evaluated with
/// <c>self</c> = this whole object and <c>super</c> = the layers below the one defining it. Values seen through this
/// object are cached; assertions run once, before the first field is read.
/// </summary>
internal sealed class ObjectValue : Value
{
    readonly Evaluator? _evaluator;
    readonly ObjectLayer[] _layers;
    readonly Dictionary<string, Value> _cache = new(StringComparer.Ordinal);
    Dictionary<(int, Scope), Scope>? _scopes;
    AssertState _asserts;

    public ObjectValue(Evaluator? evaluator, ObjectLayer[] layers)
    {
        _evaluator = evaluator;
        _layers = layers;
    }

    enum AssertState
    {
        Unchecked,
        Checking,
        Checked,
    }

    public override string TypeName => "object";

    public static ObjectValue Of(Dictionary<string, ObjectField> fields) => new(null, [ObjectLayer.Of(fields)]);

    /// <summary>Inheritance: <c>left + right</c>.</summary>
    public static ObjectValue Extend(ObjectValue left, ObjectValue right) =>
        new(left._evaluator ?? right._evaluator, [.. left._layers, .. right._layers]);

    public bool HasField(string name, bool includeHidden)
    {
        var top = FindLayer(name, _layers.Length);
        return top >= 0 && (includeHidden || IsVisible(name));
    }

    /// <summary>Whether a layer below <paramref name="layer"/> defines the field (<c>name in super</c>).</summary>
    public bool HasFieldBelow(string name, int layer) => FindLayer(name, layer) >= 0;

    /// <summary>The field names, visible only or all, in code-point order.</summary>
    public List<string> FieldNames(bool includeHidden)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var layer in _layers)
        {
            names.UnionWith(layer.Fields.Keys);
        }

        var result = includeHidden ? [.. names] : names.Where(IsVisible).ToList();
        result.Sort(CodePointComparer.Instance);
        return result;
    }

    public int VisibleCount => FieldNames(includeHidden: false).Count;

    /// <summary>The field's value through this object, or null when there is no such field.</summary>
    public Value? TryGet(string name)
    {
        CheckAssertions();
        if (_cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var top = FindLayer(name, _layers.Length);
        if (top < 0)
        {
            return null;
        }

        var value = Evaluate(top, name);
        _cache[name] = value;
        return value;
    }

    public Value Get(string name) =>
        TryGet(name) ?? throw JsonnetException.Runtime($"field does not exist: {name}", null);

    /// <summary><c>super.name</c> from a field of <paramref name="layer"/>.</summary>
    public Value GetSuper(string name, int layer)
    {
        var below = FindLayer(name, layer);
        return below >= 0 ? Evaluate(below, name) : throw JsonnetException.Runtime($"field does not exist in super: {name}", null);
    }

    int FindLayer(string name, int below)
    {
        for (var i = below - 1; i >= 0; i--)
        {
            if (_layers[i].Fields.ContainsKey(name))
            {
                return i;
            }
        }

        return -1;
    }

    bool IsVisible(string name)
    {
        for (var i = _layers.Length - 1; i >= 0; i--)
        {
            if (_layers[i].Fields.TryGetValue(name, out var field) && field.Visibility != FieldVisibility.Inherit)
            {
                return field.Visibility == FieldVisibility.Visible;
            }
        }

        return true;
    }

    Value Evaluate(int layer, string name)
    {
        var field = _layers[layer].Fields[name];
        if (field.Value is not null)
        {
            return field.Value.Force();
        }

        var evaluator = _evaluator!;
        Value value;
        evaluator.EnterFrame(field.Body!.At);
        try
        {
            value = evaluator.Evaluate(field.Body!, ScopeFor(layer, field.Scope!));
        }
        finally
        {
            evaluator.ExitFrame();
        }

        if (field.Plus)
        {
            var below = FindLayer(name, layer);
            if (below >= 0)
            {
                value = evaluator.Add(Evaluate(below, name), value);
            }
        }

        return value;
    }

    /// <summary>The scope a layer's expressions run in: where they were written, plus self/super/$ and the layer's locals.</summary>
    Scope ScopeFor(int layer, Scope written)
    {
        _scopes ??= [];
        if (_scopes.TryGetValue((layer, written), out var scope))
        {
            return scope;
        }

        scope = written.ForObject(this, layer);
        var locals = _layers[layer].Locals;
        if (locals.Count > 0)
        {
            scope = _evaluator!.BindLocals(locals, scope);
        }

        _scopes[(layer, written)] = scope;
        return scope;
    }

    void CheckAssertions()
    {
        // An assertion may read fields of self; those reads must not run the assertions again.
        if (_asserts != AssertState.Unchecked)
        {
            return;
        }

        _asserts = AssertState.Checking;
        try
        {
            for (var i = 0; i < _layers.Length; i++)
            {
                var layer = _layers[i];
                foreach (var assertion in layer.Asserts)
                {
                    _evaluator!.CheckAssertion(assertion, ScopeFor(i, layer.Scope!), "object assertion failed");
                }
            }

            _asserts = AssertState.Checked;
        }
        catch
        {
            _asserts = AssertState.Unchecked;
            throw;
        }
    }
}
