namespace Tessera.Jsonnet.Evaluation;

internal sealed class NullValue : Value
{
    public static readonly NullValue Instance = new();

    NullValue()
    {
    }

    public override string TypeName => "null";
}
