using System.Security.Cryptography;
using System.Text;

namespace Tessera.Hashing;

/// <summary>Poul-Henning Kamp's MD5-based crypt(3), identifier <c>$1$</c>.</summary>
internal static class Md5Crypt
{
    public const int MaxSaltLength = 8;
    public const int EncodedLength = 22;

    /// <summary>The 22-character encoded digest for a password and a salt of at most 8 bytes.</summary>
    public static string Compute(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt)
    {
        // Compatibility: this format is MD5 by definition; it is only ever used to check imported hashes.
#pragma warning disable CA5351
        using var first = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        first.AppendData(password);
        first.AppendData(salt);
        first.AppendData(password);
        var alternate = first.GetHashAndReset();

        first.AppendData(password);
        first.AppendData("$1$"u8);
        first.AppendData(salt);
        for (var remaining = password.Length; remaining > 0; remaining -= 16)
        {
            first.AppendData(alternate.AsSpan(0, Math.Min(remaining, 16)));
        }

        // The original implementation's quirk: a zero byte for each set bit, the first password byte for each clear one.
        for (var bits = password.Length; bits > 0; bits >>= 1)
        {
            first.AppendData((bits & 1) != 0 ? [0] : password[..1]);
        }

        var digest = first.GetHashAndReset();
        for (var round = 0; round < 1000; round++)
        {
            first.AppendData((round & 1) != 0 ? password : digest);
            if (round % 3 != 0)
            {
                first.AppendData(salt);
            }

            if (round % 7 != 0)
            {
                first.AppendData(password);
            }

            first.AppendData((round & 1) != 0 ? digest : password);
            digest = first.GetHashAndReset();
        }
#pragma warning restore CA5351

        var output = new StringBuilder(EncodedLength);
        CryptBase64.Append(output, digest[0], digest[6], digest[12], 4);
        CryptBase64.Append(output, digest[1], digest[7], digest[13], 4);
        CryptBase64.Append(output, digest[2], digest[8], digest[14], 4);
        CryptBase64.Append(output, digest[3], digest[9], digest[15], 4);
        CryptBase64.Append(output, digest[4], digest[10], digest[5], 4);
        CryptBase64.Append(output, 0, 0, digest[11], 2);
        return output.ToString();
    }
}
