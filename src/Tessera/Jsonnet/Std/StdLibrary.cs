using System.Collections.Frozen;
using Tessera.Jsonnet.Evaluation;
using Tessera.Jsonnet.Syntax;

namespace Tessera.Jsonnet.Std;

/// <summary>
/// The <c>std</c> object: every function of the standard library page (jsonnet.org/ref/stdlib.html), implemented in
/// C#. The table is built once; each evaluation wraps it in a fresh object (values cache per evaluation).
/// </summary>
internal static partial class StdLibrary
{
    /// <summary>Stands for "no argument given" where the documented default is an error (minArray's onEmpty).</summary>
    static readonly StringValue Absent = new("");

    // Declared after Absent: static fields initialise in order, and the table's defaults use it.
    static readonly FrozenDictionary<string, ObjectField> Functions = BuildTable();

    static readonly ObjectLayer SharedLayer = ObjectLayer.Of(Functions.ToDictionary(StringComparer.Ordinal));

    public static ObjectValue CreateObject(string fileName)
    {
        // std.thisFile differs per program, so it is a layer of its own on top of the shared table.
        var perProgram = ObjectLayer.Of(new Dictionary<string, ObjectField>(StringComparer.Ordinal)
        {
            ["thisFile"] = new(StringValue.Of(fileName), FieldVisibility.Hidden),
        });
        return new ObjectValue(null, [SharedLayer, perProgram]);
    }

    static FrozenDictionary<string, ObjectField> BuildTable()
    {
        var table = new Dictionary<string, ObjectField>(StringComparer.Ordinal);
        var definer = new Definer(table);
        DefineTypes(definer);
        DefineObjects(definer);
        DefineArrays(definer);
        DefineSets(definer);
        DefineStrings(definer);
        DefineParsing(definer);
        DefineEncodings(definer);
        DefineMath(definer);
        DefineManifests(definer);
        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Adds builtins to the table: parameter names, then defaults for the trailing optional ones.</summary>
    sealed class Definer(Dictionary<string, ObjectField> table)
    {
        public void Function(string name, string[] parameters, Func<BuiltinArguments, Value> body, params Value[] defaults)
        {
            var slots = new Value?[parameters.Length];
            for (var i = 0; i < defaults.Length; i++)
            {
                slots[parameters.Length - defaults.Length + i] = defaults[i];
            }

            table.Add(name, new ObjectField(new BuiltinFunction(name, parameters, slots, body), FieldVisibility.Hidden));
        }

        public void Field(string name, Value value) => table.Add(name, new ObjectField(value, FieldVisibility.Hidden));
    }

    static Value Str(string value) => StringValue.Of(value);

    static Value Num(double value) => Evaluator.Number(value);

    static Value Bool(bool value) => BooleanValue.Of(value);

    static ArrayValue Arr(IEnumerable<Thunk> items) => new([.. items]);

    /// <summary>Calls a function argument, counting a stack frame so recursion through builtins stays bounded.</summary>
    static Value Call(BuiltinArguments args, FunctionValue function, params Thunk[] arguments) =>
        args.Evaluator.Call(function, args.At, arguments);

    /// <summary>A lazily computed element, as Jsonnet's <c>std.map</c> and <c>std.makeArray</c> produce.</summary>
    static Thunk Later(BuiltinArguments args, Func<Value> compute) => new PendingThunk(args.Evaluator, args.At, compute);

    static ObjectValue ObjectOf(IEnumerable<KeyValuePair<string, Thunk>> fields)
    {
        var dictionary = new Dictionary<string, ObjectField>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            dictionary[name] = new ObjectField(value);
        }

        return ObjectValue.Of(dictionary);
    }

    /// <summary>An array argument, or a string seen as its characters (several functions accept either).</summary>
    static Thunk[] Items(BuiltinArguments args, int index) => args[index] switch
    {
        ArrayValue a => a.Items,
        StringValue s => [.. new CodePoints(s.Value).Each().Select(c => (Thunk)StringValue.Of(c))],
        var other => throw args.TypeError(index, "an array or a string", other),
    };
}
