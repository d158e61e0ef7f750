using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace Tessera.Hashing;

internal static partial class HashFormats
{
    public const long Pbkdf2MaxIterations = 10_000_000;

    private static bool IsPbkdf2(string hash)
    {
        const string prefix = "$pbkdf2-sha";
        if (!hash.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = 0;
        while (prefix.Length + digits < hash.Length && char.IsAsciiDigit(hash[prefix.Length + digits]))
        {
            digits++;
        }

        return digits is >= 1 and <= 3 && prefix.Length + digits < hash.Length && hash[prefix.Length + digits] == '$';
    }

    /// <summary><c>$pbkdf2-&lt;alg&gt;$i=&lt;iterations&gt;,l=&lt;length&gt;$&lt;salt&gt;$&lt;key&gt;</c>, unpadded base64.</summary>
    private static bool TryParsePbkdf2(string hash, out string algorithm, out long iterations, out byte[] salt, out byte[] key)
    {
        algorithm = "";
        iterations = 0;
        salt = key = [];
        var parts = hash.Split('$');
        Span<long> values = stackalloc long[2];
        if (parts.Length != 5 || !TryParseParameters(parts[2], ["i", "l"], values)
            || !TryDecodeBase64(parts[3], padded: false, out salt) || !TryDecodeBase64(parts[4], padded: false, out key)
            || key.Length == 0 || values[0] < 1)
        {
            return false;
        }

        algorithm = parts[1]["pbkdf2-".Length..];
        iterations = values[0];
        return true;
    }

    private static string? Pbkdf2ImportError(string hash)
    {
        if (!TryParsePbkdf2(hash, out _, out var iterations, out _, out _))
        {
            return Malformed("pbkdf2");
        }

        return iterations > Pbkdf2MaxIterations ? TooLarge("pbkdf2", "i (iterations)", iterations, Pbkdf2MaxIterations) : null;
    }

    private static bool VerifyPbkdf2(ReadOnlySpan<byte> password, string hash)
    {
        if (!TryParsePbkdf2(hash, out var algorithm, out var iterations, out var salt, out var key) || iterations > int.MaxValue)
        {
            return false;
        }

        // Kratos quirk: l= is ignored; the derived length is the stored key's length.
        var derived = new byte[key.Length];
        switch (algorithm)
        {
            case "sha1":
                Rfc2898DeriveBytes.Pbkdf2(password, salt, derived, (int)iterations, HashAlgorithmName.SHA1);
                break;
            case "sha512":
                Rfc2898DeriveBytes.Pbkdf2(password, salt, derived, (int)iterations, HashAlgorithmName.SHA512);
                break;
            case "sha224":
                // Kratos quirk: "sha224" and "sha384" select SHA3-224 and SHA3-384, not SHA-2.
                Sha3Pbkdf2(224, password, salt, (int)iterations, derived);
                break;
            case "sha384":
                Sha3Pbkdf2(384, password, salt, (int)iterations, derived);
                break;
            default:
                // Kratos quirk: any other digest name falls back to SHA-256.
                Rfc2898DeriveBytes.Pbkdf2(password, salt, derived, (int)iterations, HashAlgorithmName.SHA256);
                break;
        }

        return SameDigest(key, derived);
    }

    private static void Sha3Pbkdf2(int bits, ReadOnlySpan<byte> password, byte[] salt, int iterations, Span<byte> output)
    {
        var generator = new Pkcs5S2ParametersGenerator(new Sha3Digest(bits));
        generator.Init(password.ToArray(), salt, iterations);
        var parameters = (KeyParameter)generator.GenerateDerivedMacParameters(output.Length * 8);
        parameters.GetKey().CopyTo(output);
    }
}
