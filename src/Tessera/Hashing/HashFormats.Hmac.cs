using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Tessera.Hashing;

internal static partial class HashFormats
{
    private static readonly string[] HmacAlgorithms = ["md4", "md5", "sha1", "sha224", "sha256", "sha384", "sha512"];

    private static bool IsHmac(string hash) => HmacAlgorithm(hash) is not null;

    private static string? HmacAlgorithm(string hash)
    {
        foreach (var algorithm in HmacAlgorithms)
        {
            if (hash.StartsWith("$hmac-" + algorithm + "$", StringComparison.Ordinal))
            {
                return algorithm;
            }
        }

        return null;
    }

    /// <summary><c>$hmac-&lt;alg&gt;$&lt;base64 of lowercase hex MAC&gt;$&lt;base64 key&gt;</c>, padded base64.</summary>
    private static bool TryParseHmac(string hash, out byte[] hexMac, out byte[] key)
    {
        hexMac = key = [];
        var parts = hash.Split('$');
        return parts.Length == 4 && TryDecodeBase64(parts[2], padded: true, out hexMac)
            && TryDecodeBase64(parts[3], padded: true, out key) && hexMac.Length > 0;
    }

    private static string? HmacImportError(string hash) =>
        TryParseHmac(hash, out _, out _) ? null : Malformed("hmac");

    private static bool VerifyHmac(ReadOnlySpan<byte> password, string hash)
    {
        var algorithm = HmacAlgorithm(hash);
        if (algorithm is null || !TryParseHmac(hash, out var hexMac, out var key))
        {
            return false;
        }

#pragma warning disable CA5350, CA5351 // Compatibility: imported legacy HMACs can only be checked with their own digest.
        var mac = algorithm switch
        {
            "md4" => BouncyHmac(new MD4Digest(), key, password),
            "md5" => HMACMD5.HashData(key, password),
            "sha1" => HMACSHA1.HashData(key, password),
            "sha224" => BouncyHmac(new Sha224Digest(), key, password),
            "sha256" => HMACSHA256.HashData(key, password),
            "sha384" => HMACSHA384.HashData(key, password),
            _ => HMACSHA512.HashData(key, password),
        };
#pragma warning restore CA5350, CA5351

        // Kratos compares the lowercase hex spelling, so an uppercase-hex import never matches; kept for parity.
        return SameDigest(hexMac, Encoding.ASCII.GetBytes(Convert.ToHexStringLower(mac)));
    }

    private static byte[] BouncyHmac(IDigest digest, byte[] key, ReadOnlySpan<byte> message)
    {
        var hmac = new HMac(digest);
        hmac.Init(new KeyParameter(key));
        hmac.BlockUpdate(message);
        var output = new byte[hmac.GetMacSize()];
        hmac.DoFinal(output, 0);
        return output;
    }
}
