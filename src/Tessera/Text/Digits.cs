namespace Tessera.Text;

/// <summary>Digits of numbers written in bases up to 16 (YAML's and Jsonnet's integer forms).</summary>
internal static class Digits
{
    /// <summary>The value of a digit 0-9, a-f or A-F; <see cref="int.MaxValue"/> for anything else, so that a
    /// <c>digit &gt;= radix</c> check refuses it in every base.</summary>
    public static int Value(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => int.MaxValue,
    };
}
