namespace Tessera.Hashing;

/// <summary>The crypt(3) base64 variant: alphabet <c>./0-9A-Za-z</c>, least significant 6 bits first, no padding.</summary>
internal static class CryptBase64
{
    public const string Alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static void Append(System.Text.StringBuilder output, byte high, byte middle, byte low, int characters)
    {
        var word = (high << 16) | (middle << 8) | low;
        for (var i = 0; i < characters; i++)
        {
            output.Append(Alphabet[word & 0x3f]);
            word >>= 6;
        }
    }

    public static bool IsEncoded(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
