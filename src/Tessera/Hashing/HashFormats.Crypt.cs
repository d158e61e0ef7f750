using System.Security.Cryptography;
using System.Text;

namespace Tessera.Hashing;

internal static partial class HashFormats
{
    /// <summary>
    /// crypt(3) hashes whose identifier Kratos renames: <c>$md5-crypt$salt$hash</c> (<c>$1$</c>),
    /// <c>$sha256-crypt$[rounds=N$]salt$hash</c> (<c>$5$</c>) and <c>$sha512-crypt$…</c> (<c>$6$</c>).
    /// </summary>
    private static bool TryParseCrypt(string hash, out string kind, out long rounds, out string salt, out string encoded)
    {
        rounds = ShaCrypt.DefaultRounds;
        salt = encoded = "";
        var parts = hash.Split('$');
        kind = parts.Length > 1 ? parts[1] : "";
        if (kind == "md5-crypt")
        {
            if (parts.Length != 4)
            {
                return false;
            }

            (salt, encoded) = (parts[2], parts[3]);
            return salt.Length <= Md5Crypt.MaxSaltLength && encoded.Length == Md5Crypt.EncodedLength
                && CryptBase64.IsEncoded(encoded);
        }

        if (kind is not ("sha256-crypt" or "sha512-crypt"))
        {
            return false;
        }

        var next = 2;
        if (parts.Length == 5)
        {
            if (!parts[2].StartsWith("rounds=", StringComparison.Ordinal)
                || !TryParseDigits(parts[2].AsSpan("rounds=".Length), out rounds))
            {
                return false;
            }

            next = 3;
        }
        else if (parts.Length != 4)
        {
            return false;
        }

        (salt, encoded) = (parts[next], parts[next + 1]);
        return salt.Length <= ShaCrypt.MaxSaltLength && encoded.Length == ShaCrypt.EncodedLength(kind == "sha512-crypt")
            && CryptBase64.IsEncoded(encoded);
    }

    private static string? CryptImportError(string hash) =>
        TryParseCrypt(hash, out var kind, out _, out _, out _) ? null : Malformed(kind);

    private static bool VerifyCrypt(ReadOnlySpan<byte> password, string hash)
    {
        if (!TryParseCrypt(hash, out var kind, out var rounds, out var salt, out var encoded))
        {
            return false;
        }

        var saltBytes = Encoding.UTF8.GetBytes(salt);
        var actual = kind == "md5-crypt"
            ? Md5Crypt.Compute(password, saltBytes)
            : ShaCrypt.Compute(kind == "sha512-crypt", password, saltBytes, rounds);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(encoded), Encoding.ASCII.GetBytes(actual));
    }
}
