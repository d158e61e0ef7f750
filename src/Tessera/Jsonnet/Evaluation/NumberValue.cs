namespace Tessera.Jsonnet.Evaluation;

/// <summary>A number: always a finite double, as the spec requires (operations that overflow are errors).</summary>
internal sealed class NumberValue(double value) : Value
{
    static readonly NumberValue[] Small = [.. Enumerable.Range(0, 256).Select(i => new NumberValue(i))];

    public double Value { get; } = value;

    public override string TypeName => "number";

    public static NumberValue Of(double value) =>
        value is >= 0 and < 256 && value == Math.Floor(value) && !double.IsNegative(value) ? Small[(int)value] : new NumberValue(value);
}
