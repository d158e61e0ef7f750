using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Tessera.Hashing;

internal static partial class HashFormats
{
    public const long ScryptMaxCost = 131072;
    public const long ScryptMaxBlockSize = 8;
    public const long ScryptMaxParallelism = 10;

    private const int FirescryptKeyLength = 32;

    /// <summary><c>$scrypt$ln=&lt;N&gt;,r=&lt;r&gt;,p=&lt;p&gt;$&lt;salt&gt;$&lt;key&gt;</c>, padded base64.</summary>
    private static bool TryParseScrypt(string hash, out long cost, out long blockSize, out long parallelism, out byte[] salt, out byte[] key)
    {
        cost = blockSize = parallelism = 0;
        salt = key = [];
        var parts = hash.Split('$');
        Span<long> values = stackalloc long[3];
        if (parts.Length != 5 || !TryParseParameters(parts[2], ["ln", "r", "p"], values)
            || !TryDecodeBase64(parts[3], padded: true, out salt) || !TryDecodeBase64(parts[4], padded: true, out key)
            || key.Length == 0)
        {
            return false;
        }

        // Kratos quirk: despite its name, ln= holds N itself (16384), not log2 N.
        (cost, blockSize, parallelism) = (values[0], values[1], values[2]);
        return IsScryptCost(cost) && blockSize >= 1 && parallelism >= 1;
    }

    private static bool IsScryptCost(long n) => n > 1 && (n & (n - 1)) == 0;

    private static string? ScryptBoundsError(string name, long cost, long blockSize, long parallelism)
    {
        if (cost > ScryptMaxCost)
        {
            return TooLarge(name, "N (cost)", cost, ScryptMaxCost);
        }

        return blockSize > ScryptMaxBlockSize
            ? TooLarge(name, "r (block size)", blockSize, ScryptMaxBlockSize)
            : parallelism > ScryptMaxParallelism ? TooLarge(name, "p (parallelism)", parallelism, ScryptMaxParallelism) : null;
    }

    private static string? ScryptImportError(string hash) =>
        TryParseScrypt(hash, out var n, out var r, out var p, out _, out _) ? ScryptBoundsError("scrypt", n, r, p) : Malformed("scrypt");

    private static bool VerifyScrypt(ReadOnlySpan<byte> password, string hash)
    {
        if (!TryParseScrypt(hash, out var n, out var r, out var p, out var salt, out var key) || !FitsScryptLimits(n, r, p))
        {
            return false;
        }

        var derived = SCrypt.Generate(password.ToArray(), salt, (int)n, (int)r, (int)p, key.Length);
        return SameDigest(key, derived);
    }

    // scrypt's own constraints (RFC 7914 §2), which also keep the int conversions safe.
    private static bool FitsScryptLimits(long n, long r, long p) =>
        n <= int.MaxValue && r * p < (1 << 30) && r <= int.MaxValue / 256 && n <= int.MaxValue / (128 * r);

    /// <summary>
    /// Firebase's scrypt variant:
    /// <c>$firescrypt$ln=&lt;log2 N&gt;,r=&lt;r&gt;,p=&lt;p&gt;$&lt;salt&gt;$&lt;hash&gt;$&lt;salt separator&gt;$&lt;signer key&gt;</c>.
    /// </summary>
    private static bool TryParseFirescrypt(
        string hash, out long cost, out long blockSize, out long parallelism, out byte[][] fields)
    {
        cost = blockSize = parallelism = 0;
        fields = [];
        var parts = hash.Split('$');
        Span<long> values = stackalloc long[3];
        if (parts.Length != 7 || !TryParseParameters(parts[2], ["ln", "r", "p"], values) || values[0] is < 1 or > 62)
        {
            return false;
        }

        fields = new byte[4][];
        for (var i = 0; i < 4; i++)
        {
            if (!TryDecodeBase64(parts[3 + i], padded: true, out fields[i]))
            {
                return false;
            }
        }

        (cost, blockSize, parallelism) = (1L << (int)values[0], values[1], values[2]);
        return fields[1].Length > 0 && blockSize >= 1 && parallelism >= 1;
    }

    private static string? FirescryptImportError(string hash) =>
        TryParseFirescrypt(hash, out var n, out var r, out var p, out _)
            ? ScryptBoundsError("firescrypt", n, r, p)
            : Malformed("firescrypt");

    private static bool VerifyFirescrypt(ReadOnlySpan<byte> password, string hash)
    {
        if (!TryParseFirescrypt(hash, out var n, out var r, out var p, out var fields) || !FitsScryptLimits(n, r, p))
        {
            return false;
        }

        var (salt, stored, separator, signerKey) = (fields[0], fields[1], fields[2], fields[3]);
        var derivedKey = SCrypt.Generate(password.ToArray(), [.. salt, .. separator], (int)n, (int)r, (int)p, FirescryptKeyLength);

        // Firebase encrypts its project signer key with AES-256-CTR under the derived key, counter starting at zero.
        var ctr = new SicBlockCipher(new AesEngine());
        ctr.Init(forEncryption: true, new ParametersWithIV(new KeyParameter(derivedKey), new byte[16]));
        var blocks = (signerKey.Length + 15) / 16;
        var input = new byte[blocks * 16];
        var output = new byte[blocks * 16];
        signerKey.CopyTo(input, 0);
        for (var i = 0; i < blocks; i++)
        {
            ctr.ProcessBlock(input, i * 16, output, i * 16);
        }

        return SameDigest(stored, output.AsSpan(0, signerKey.Length));
    }
}
