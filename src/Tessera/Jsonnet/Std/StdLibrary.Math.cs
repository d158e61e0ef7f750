using Tessera.Jsonnet.Evaluation;
using Tessera.Jsonnet.Syntax;

namespace Tessera.Jsonnet.Std;

internal static partial class StdLibrary
{
    static void DefineMath(Definer std)
    {
        std.Field("pi", NumberValue.Of(Math.PI));
        Unary(std, "abs", Math.Abs);
        Unary(std, "sign", x => Math.Sign(x));
        Unary(std, "exp", Math.Exp);
        Unary(std, "log", Math.Log);
        Unary(std, "log2", Math.Log2);
        Unary(std, "log10", Math.Log10);
        Unary(std, "floor", Math.Floor);
        Unary(std, "ceil", Math.Ceiling);
        Unary(std, "sqrt", Math.Sqrt);
        Unary(std, "sin", Math.Sin);
        Unary(std, "cos", Math.Cos);
        Unary(std, "tan", Math.Tan);
        Unary(std, "asin", Math.Asin);
        Unary(std, "acos", Math.Acos);
        Unary(std, "atan", Math.Atan);
        Unary(std, "deg2rad", x => x * Math.PI / 180);
        Unary(std, "rad2deg", x => x * 180 / Math.PI);
        // The stdlib rounds half up: floor(x + 0.5).
        Unary(std, "round", x => Math.Floor(x + 0.5));
        Unary(std, "mantissa", x => x == 0 ? 0 : Math.ScaleB(x, -(Math.ILogB(x) + 1)));
        Unary(std, "exponent", x => x == 0 ? 0 : Math.ILogB(x) + 1);
        std.Function("atan2", ["y", "x"], a => Num(Math.Atan2(a.Number(0), a.Number(1))));
        std.Function("hypot", ["a", "b"], a => Num(double.Hypot(a.Number(0), a.Number(1))));
        std.Function("pow", ["x", "n"], a => Num(Math.Pow(a.Number(0), a.Number(1))));
        std.Function("max", ["a", "b"], a => Num(Math.Max(a.Number(0), a.Number(1))));
        std.Function("min", ["a", "b"], a => Num(Math.Min(a.Number(0), a.Number(1))));
        std.Function("clamp", ["x", "minVal", "maxVal"], a => Num(Math.Clamp(a.Number(0), a.Number(1), Math.Max(a.Number(1), a.Number(2)))));
        std.Function("mod", ["a", "b"], a => a[0] is NumberValue or StringValue
            ? a.Evaluator.Binary(BinaryOperator.Modulo, a[0], a[1])
            : throw a.TypeError(0, "a number or a string", a[0]));
        std.Function("modulo", ["x", "y"], a => a.Evaluator.Binary(BinaryOperator.Modulo, NumberValue.Of(a.Number(0)), NumberValue.Of(a.Number(1))));
        std.Function("isEven", ["x"], a => Bool(Math.Floor(a.Number(0) + 0.5) % 2 == 0));
        std.Function("isOdd", ["x"], a => Bool(Math.Floor(a.Number(0) + 0.5) % 2 != 0));
        std.Function("isInteger", ["x"], a => Bool(Math.Floor(a.Number(0) + 0.5) == a.Number(0)));
        std.Function("isDecimal", ["x"], a => Bool(Math.Floor(a.Number(0) + 0.5) != a.Number(0)));
    }

    static void Unary(Definer std, string name, Func<double, double> function) => std.Function(name, ["x"], a => Num(function(a.Number(0))));
}
