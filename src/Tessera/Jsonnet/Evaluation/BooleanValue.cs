namespace Tessera.Jsonnet.Evaluation;

internal sealed class BooleanValue : Value
{
    public static readonly BooleanValue True = new(true);
    public static readonly BooleanValue False = new(false);

    BooleanValue(bool value) => Value = value;

    public bool Value { get; }

    public override string TypeName => "boolean";

    public static BooleanValue Of(bool value) => value ? True : False;
}
