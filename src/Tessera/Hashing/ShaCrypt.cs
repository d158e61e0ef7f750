using System.Security.Cryptography;
using System.Text;

namespace Tessera.Hashing;

/// <summary>Ulrich Drepper's SHA-256/SHA-512 crypt(3), identifiers <c>$5$</c> and <c>$6$</c>.</summary>
internal static class ShaCrypt
{
    public const int MaxSaltLength = 16;
    public const int DefaultRounds = 5000;
    public const int MinRounds = 1000;
    public const int MaxRounds = 999_999_999;

    public static int EncodedLength(bool sha512) => sha512 ? 86 : 43;

    /// <summary>The encoded digest; <paramref name="rounds"/> is clamped to 1000..999999999 as the specification says.</summary>
    public static string Compute(bool sha512, ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, long rounds)
    {
        var algorithm = sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
        var size = sha512 ? 64 : 32;
        var count = (int)Math.Clamp(rounds, MinRounds, MaxRounds);
        using var hash = IncrementalHash.CreateHash(algorithm);

        hash.AppendData(password);
        hash.AppendData(salt);
        hash.AppendData(password);
        var alternate = hash.GetHashAndReset();

        hash.AppendData(password);
        hash.AppendData(salt);
        AppendRepeated(hash, alternate, password.Length);
        for (var bits = password.Length; bits > 0; bits >>= 1)
        {
            hash.AppendData((bits & 1) != 0 ? alternate : password);
        }

        var digest = hash.GetHashAndReset();

        for (var i = 0; i < password.Length; i++)
        {
            hash.AppendData(password);
        }

        var passwordSequence = Stretch(hash.GetHashAndReset(), password.Length);

        for (var i = 0; i < 16 + digest[0]; i++)
        {
            hash.AppendData(salt);
        }

        var saltSequence = Stretch(hash.GetHashAndReset(), salt.Length);

        for (var round = 0; round < count; round++)
        {
            hash.AppendData((round & 1) != 0 ? passwordSequence : digest);
            if (round % 3 != 0)
            {
                hash.AppendData(saltSequence);
            }

            if (round % 7 != 0)
            {
                hash.AppendData(passwordSequence);
            }

            hash.AppendData((round & 1) != 0 ? digest : passwordSequence);
            digest = hash.GetHashAndReset();
        }

        return sha512 ? Encode512(digest) : Encode256(digest, size);
    }

    private static void AppendRepeated(IncrementalHash hash, byte[] block, int length)
    {
        for (var remaining = length; remaining > 0; remaining -= block.Length)
        {
            hash.AppendData(block.AsSpan(0, Math.Min(remaining, block.Length)));
        }
    }

    private static byte[] Stretch(byte[] block, int length)
    {
        var output = new byte[length];
        for (var i = 0; i < length; i++)
        {
            output[i] = block[i % block.Length];
        }

        return output;
    }

    // The specification interleaves the digest bytes across the 24-bit groups; each row is its fixed permutation.
    private static string Encode256(byte[] d, int size)
    {
        var output = new StringBuilder(EncodedLength(false));
        for (var group = 0; group < 10; group++)
        {
            var (a, b, c) = (d[group], d[group + 10], d[group + 20]);
            switch (group % 3)
            {
                case 0:
                    CryptBase64.Append(output, a, b, c, 4);
                    break;
                case 1:
                    CryptBase64.Append(output, c, a, b, 4);
                    break;
                default:
                    CryptBase64.Append(output, b, c, a, 4);
                    break;
            }
        }

        CryptBase64.Append(output, 0, d[size - 1], d[size - 2], 3);
        return output.ToString();
    }

    private static string Encode512(byte[] d)
    {
        var output = new StringBuilder(EncodedLength(true));
        for (var group = 0; group < 21; group++)
        {
            var (a, b, c) = (d[group], d[group + 21], d[group + 42]);
            switch (group % 3)
            {
                case 0:
                    CryptBase64.Append(output, a, b, c, 4);
                    break;
                case 1:
                    CryptBase64.Append(output, b, c, a, 4);
                    break;
                default:
                    CryptBase64.Append(output, c, a, b, 4);
                    break;
            }
        }

        CryptBase64.Append(output, 0, 0, d[63], 2);
        return output.ToString();
    }
}
