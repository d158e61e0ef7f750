namespace Tessera.Jsonnet.Evaluation;

/// <summary>
/// A string. Jsonnet strings are sequences of Unicode code points; the UTF-16 text is kept and code-point positions are
/// worked out only when the text has surrogate pairs.
/// </summary>
internal sealed class StringValue(string value) : Value
{
    public static readonly StringValue Empty = new("");

    public string Value { get; } = value;

    public override string TypeName => "string";

    public static StringValue Of(string value) => value.Length == 0 ? Empty : new StringValue(value);
}
