using Tessera.Jsonnet.Syntax;

namespace Tessera.Jsonnet.Evaluation;

/// <summary>A function: a closure written in Jsonnet or a standard library builtin.</summary>
internal abstract class FunctionValue : Value
{
    public override string TypeName => "function";

    public abstract string Name { get; }

    public abstract IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Whether the parameter at <paramref name="index"/> may be left out.</summary>
    public abstract bool HasDefault(int index);

    /// <summary>Calls with arguments already matched to parameters; a null slot takes the parameter's default.</summary>
    public abstract Value Invoke(Evaluator evaluator, Thunk?[] arguments, SourceLocation at);

    /// <summary>Matches positional and named arguments to parameters, as the spec's function application does.</summary>
    public Thunk?[] Match(IReadOnlyList<Thunk> positional, IReadOnlyList<KeyValuePair<string, Thunk>> named)
    {
        var names = ParameterNames;
        if (positional.Count > names.Count)
        {
            throw JsonnetException.Runtime(
                $"too many arguments for function {Name}: it has {names.Count} parameter(s), {positional.Count} were given", null);
        }

        var slots = new Thunk?[names.Count];
        for (var i = 0; i < positional.Count; i++)
        {
            slots[i] = positional[i];
        }

        foreach (var (name, value) in named)
        {
            var index = IndexOf(name);
            if (index < 0)
            {
                throw JsonnetException.Runtime($"function {Name} has no parameter {name}", null);
            }

            if (slots[index] is not null)
            {
                throw JsonnetException.Runtime($"argument {name} of function {Name} is given twice", null);
            }

            slots[index] = value;
        }

        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i] is null && !HasDefault(i))
            {
                throw JsonnetException.Runtime($"function parameter {names[i]} not bound in call to {Name}", null);
            }
        }

        return slots;
    }

    int IndexOf(string name)
    {
        var names = ParameterNames;
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
