using Tessera.Jsonnet.Evaluation;
using Tessera.Jsonnet.Output;

namespace Tessera.Jsonnet.Std;

internal static partial class StdLibrary
{
    static void DefineTypes(Definer std)
    {
        std.Function("type", ["x"], a => Str(a[0].TypeName));
        std.Function("isString", ["v"], a => Bool(a[0] is StringValue));
        std.Function("isNumber", ["v"], a => Bool(a[0] is NumberValue));
        std.Function("isBoolean", ["v"], a => Bool(a[0] is BooleanValue));
        std.Function("isObject", ["v"], a => Bool(a[0] is ObjectValue));
        std.Function("isArray", ["v"], a => Bool(a[0] is ArrayValue));
        std.Function("isFunction", ["v"], a => Bool(a[0] is FunctionValue));
        std.Function("length", ["x"], a => a[0] switch
        {
            ArrayValue array => Num(array.Count),
            StringValue s => Num(new CodePoints(s.Value).Length),
            ObjectValue o => Num(o.VisibleCount),
            FunctionValue f => Num(f.ParameterNames.Count),
            var other => throw a.Error($"length operates on strings, objects, functions and arrays, got {other.TypeName}"),
        });
        std.Function("extVar", ["x"], a => a.Evaluator.ExtVar(a.String(0)));
        std.Function("native", ["name"], a => throw a.Error($"native function {JsonWriter.Escape(JsonWriter.ToText(a[0]))} is not available: Tessera has no native extensions"));
        // Tessera has nowhere useful to print a trace from inside a request; the value passes through untouched.
        std.Function("trace", ["str", "rest"], a => a[1]);
        std.Function("id", ["x"], a => a[0]);
        std.Function("equals", ["a", "b"], a => Bool(Equality.AreEqual(a[0], a[1])));
        std.Function("primitiveEquals", ["a", "b"], a => a[0] is ArrayValue or ObjectValue or FunctionValue || a[1] is ArrayValue or ObjectValue or FunctionValue
            ? throw a.Error($"primitiveEquals operates on primitive types, got {a[0].TypeName} and {a[1].TypeName}")
            : Bool(Equality.AreEqual(a[0], a[1])));
        std.Function("assertEqual", ["a", "b"], a => Equality.AreEqual(a[0], a[1])
            ? BooleanValue.True
            : throw JsonnetException.User($"Assertion failed. {JsonWriter.ToText(a[0])} != {JsonWriter.ToText(a[1])}", null));
        std.Function("xor", ["x", "y"], a => Bool(a.Boolean(0) != a.Boolean(1)));
        std.Function("xnor", ["x", "y"], a => Bool(a.Boolean(0) == a.Boolean(1)));
        std.Function("resolvePath", ["f", "r"], a =>
        {
            var file = a.String(0);
            var slash = file.LastIndexOf('/');
            return Str(slash < 0 ? a.String(1) : file[..(slash + 1)] + a.String(1));
        });
    }
}
