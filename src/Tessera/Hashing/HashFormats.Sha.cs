using System.Security.Cryptography;

namespace Tessera.Hashing;

internal static partial class HashFormats
{
    private static bool IsSaltedSha(string hash) =>
        hash.StartsWith("$sha1$", StringComparison.Ordinal) || hash.StartsWith("$sha256$", StringComparison.Ordinal)
        || hash.StartsWith("$sha512$", StringComparison.Ordinal);

    /// <summary><c>$pf=&lt;pattern&gt;$&lt;salt&gt;$&lt;hash&gt;</c> after the algorithm, all padded base64.</summary>
    private static bool TryParsePatterned(string[] parts, out byte[] pattern, out byte[] salt, out byte[] digest)
    {
        pattern = salt = digest = [];
        return parts.Length == 5 && parts[2].StartsWith("pf=", StringComparison.Ordinal)
            && TryDecodeBase64(parts[2][3..], padded: true, out pattern)
            && TryDecodeBase64(parts[3], padded: true, out salt)
            && TryDecodeBase64(parts[4], padded: true, out digest)
            && digest.Length > 0;
    }

    private static string? SaltedShaImportError(string hash) =>
        TryParsePatterned(hash.Split('$'), out _, out _, out _) ? null : Malformed("salted sha");

    private static bool VerifySaltedSha(ReadOnlySpan<byte> password, string hash)
    {
        var parts = hash.Split('$');
        if (!TryParsePatterned(parts, out var pattern, out var salt, out var digest))
        {
            return false;
        }

        var input = ApplyPattern(pattern, salt, password);
        return parts[1] switch
        {
            "sha1" => SameDigest(digest, SHA1.HashData(input)),
            "sha256" => SameDigest(digest, SHA256.HashData(input)),
            "sha512" => SameDigest(digest, SHA512.HashData(input)),
            _ => false,
        };
    }

    private static bool IsSsha(string hash) =>
        hash.StartsWith("{SSHA}", StringComparison.Ordinal) || hash.StartsWith("{SSHA256}", StringComparison.Ordinal)
        || hash.StartsWith("{SSHA512}", StringComparison.Ordinal);

    /// <summary>LDAP salted SHA: <c>{SSHA}</c> then base64(digest ‖ salt); the salt is whatever follows the digest.</summary>
    private static bool TryParseSsha(string hash, out int digestLength, out byte[] digest, out byte[] salt)
    {
        digest = salt = [];
        var tagEnd = hash.IndexOf('}', StringComparison.Ordinal);
        digestLength = hash[..(tagEnd + 1)] switch
        {
            "{SSHA}" => SHA1.HashSizeInBytes,
            "{SSHA256}" => SHA256.HashSizeInBytes,
            "{SSHA512}" => SHA512.HashSizeInBytes,
            _ => 0,
        };
        if (digestLength == 0 || !TryDecodeBase64(hash[(tagEnd + 1)..], padded: true, out var decoded)
            || decoded.Length <= digestLength)
        {
            return false;
        }

        digest = decoded[..digestLength];
        salt = decoded[digestLength..];
        return true;
    }

    private static string? SshaImportError(string hash) =>
        TryParseSsha(hash, out _, out _, out _) ? null : Malformed("ssha");

    private static bool VerifySsha(ReadOnlySpan<byte> password, string hash)
    {
        if (!TryParseSsha(hash, out var length, out var digest, out var salt))
        {
            return false;
        }

        byte[] input = [.. password, .. salt];
        return length switch
        {
            SHA1.HashSizeInBytes => SameDigest(digest, SHA1.HashData(input)),
            SHA256.HashSizeInBytes => SameDigest(digest, SHA256.HashData(input)),
            _ => SameDigest(digest, SHA512.HashData(input)),
        };
    }

    /// <summary><c>$md5$&lt;digest&gt;</c>, or <c>$md5$pf=&lt;pattern&gt;$&lt;salt&gt;$&lt;digest&gt;</c>; padded base64.</summary>
    private static bool TryParseMd5(string hash, out byte[]? pattern, out byte[] salt, out byte[] digest)
    {
        pattern = null;
        salt = digest = [];
        var parts = hash.Split('$');
        if (parts.Length == 3)
        {
            return TryDecodeBase64(parts[2], padded: true, out digest) && digest.Length > 0;
        }

        if (!TryParsePatterned(parts, out var pf, out salt, out digest))
        {
            return false;
        }

        pattern = pf;
        return true;
    }

    private static string? Md5ImportError(string hash) =>
        TryParseMd5(hash, out _, out _, out _) ? null : Malformed("md5");

    private static bool VerifyMd5(ReadOnlySpan<byte> password, string hash)
    {
        if (!TryParseMd5(hash, out var pattern, out var salt, out var digest))
        {
            return false;
        }

#pragma warning disable CA5351 // Compatibility: imported legacy MD5 hashes can only be checked with MD5.
        var actual = pattern is null ? MD5.HashData(password) : MD5.HashData(ApplyPattern(pattern, salt, password));
#pragma warning restore CA5351
        return SameDigest(digest, actual);
    }
}
