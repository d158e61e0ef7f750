using System.Text;

namespace Tessera.Hashing;

internal static partial class HashFormats
{
    public const int BcryptMaxImportCost = 15;

    private const string BcryptAlphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool IsBcrypt(string hash) =>
        hash.StartsWith("$2a$", StringComparison.Ordinal) || hash.StartsWith("$2b$", StringComparison.Ordinal)
        || hash.StartsWith("$2y$", StringComparison.Ordinal) || hash.StartsWith("$2$", StringComparison.Ordinal);

    /// <summary>Parses <c>$2a$NN$</c> followed by 22 salt and 31 hash characters; cost within bcrypt's 4..31.</summary>
    internal static bool TryParseBcryptCost(string hash, out int cost)
    {
        cost = 0;
        if (string.IsNullOrEmpty(hash) || !IsBcrypt(hash))
        {
            return false;
        }

        var costAt = hash[2] == '$' ? 3 : 4;
        if (hash.Length != costAt + 3 + 53 || hash[costAt + 2] != '$'
            || !char.IsAsciiDigit(hash[costAt]) || !char.IsAsciiDigit(hash[costAt + 1]))
        {
            return false;
        }

        foreach (var c in hash.AsSpan(costAt + 3))
        {
            if (!BcryptAlphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        cost = ((hash[costAt] - '0') * 10) + (hash[costAt + 1] - '0');
        return cost is >= BcryptHasher.MinCost and <= BcryptHasher.MaxCost;
    }

    private static string? BcryptImportError(string hash)
    {
        if (!TryParseBcryptCost(hash, out var cost))
        {
            return Malformed("bcrypt");
        }

        return cost > BcryptMaxImportCost ? TooLarge("bcrypt", "cost", cost, BcryptMaxImportCost) : null;
    }

    private static bool VerifyBcrypt(ReadOnlySpan<byte> password, string hash)
    {
        // Kratos refuses over-long passwords at login too, rather than comparing a truncated prefix.
        if (BcryptHasher.IsTooLong(password) || !TryParseBcryptCost(hash, out _))
        {
            return false;
        }

        // BCrypt.Net re-encodes the string as UTF-8, so a strict decode hands it exactly these bytes.
        return BCrypt.Net.BCrypt.Verify(StrictUtf8.GetString(password), hash);
    }
}
