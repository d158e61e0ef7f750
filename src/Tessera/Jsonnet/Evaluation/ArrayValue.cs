namespace Tessera.Jsonnet.Evaluation;

/// <summary>An array of thunks: an element is computed only when it is used.</summary>
internal sealed class ArrayValue(Thunk[] items) : Value
{
    public Thunk[] Items { get; } = items;

    public int Count => Items.Length;

    public override string TypeName => "array";

    public Value this[int index] => Items[index].Force();
}
