using System.Text;

namespace Tessera.Hashing;

/// <summary>
/// The stored password hash formats Tessera accepts on import and at login, as Kratos does (API §14.2). Each format is
/// one row; the rows are tried in order and at most one recognises a given prefix.
/// </summary>
internal static partial class HashFormats
{
    public const string UnknownFormatError = "The imported password does not match any known hash format.";

    private static readonly HashFormat[] Formats =
    [
        new("bcrypt", IsBcrypt, BcryptImportError, VerifyBcrypt),
        new("argon2id", h => h.StartsWith("$argon2id$", StringComparison.Ordinal), Argon2ImportError, VerifyArgon2),
        new("argon2i", h => h.StartsWith("$argon2i$", StringComparison.Ordinal), Argon2ImportError, VerifyArgon2),
        new("pbkdf2", IsPbkdf2, Pbkdf2ImportError, VerifyPbkdf2),
        new("scrypt", h => h.StartsWith("$scrypt$", StringComparison.Ordinal), ScryptImportError, VerifyScrypt),
        new("firescrypt", h => h.StartsWith("$firescrypt$", StringComparison.Ordinal), FirescryptImportError, VerifyFirescrypt),
        new("sha", IsSaltedSha, SaltedShaImportError, VerifySaltedSha),
        new("ssha", IsSsha, SshaImportError, VerifySsha),
        new("md5", h => h.StartsWith("$md5$", StringComparison.Ordinal), Md5ImportError, VerifyMd5),
        new("hmac", IsHmac, HmacImportError, VerifyHmac),
        new("md5-crypt", h => h.StartsWith("$md5-crypt$", StringComparison.Ordinal), CryptImportError, VerifyCrypt),
        new("sha256-crypt", h => h.StartsWith("$sha256-crypt$", StringComparison.Ordinal), CryptImportError, VerifyCrypt),
        new("sha512-crypt", h => h.StartsWith("$sha512-crypt$", StringComparison.Ordinal), CryptImportError, VerifyCrypt),
    ];

    public static IReadOnlyList<HashFormat> All => Formats;

    /// <summary>The format's name, or null when no format recognises the hash.</summary>
    public static string? FormatName(string hash) => Find(hash)?.Name;

    /// <summary>
    /// Null when <paramref name="hash"/> may be imported: a known format, well-formed, within the bounds of API §14.2.
    /// Otherwise the text to show the administrator.
    /// </summary>
    public static string? ImportError(string hash)
    {
        var format = Find(hash);
        return format is null ? UnknownFormatError : format.ImportError(hash);
    }

    /// <summary>
    /// True when the password matches the stored hash. Unknown, malformed or unusable hashes answer false; this never
    /// throws for bad input.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> passwordUtf8, string hash)
    {
        var format = Find(hash);
        if (format is null)
        {
            return false;
        }

        try
        {
            return format.Verify(passwordUtf8, hash);
        }
#pragma warning disable CA1031 // Security: a stored hash that a library refuses must read as "no match", never as a 500.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>Verifies a password after encoding it as UTF-8 (never UTF-16).</summary>
    public static bool Verify(string password, string hash)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Verify(Encoding.UTF8.GetBytes(password), hash);
    }

    private static HashFormat? Find(string? hash)
    {
        if (string.IsNullOrEmpty(hash))
        {
            return null;
        }

        foreach (var format in Formats)
        {
            if (format.Detects(hash))
            {
                return format;
            }
        }

        return null;
    }

    private static string Malformed(string name) => $"The imported password hash looks like {name} but is malformed.";

    private static string TooLarge(string name, string parameter, long value, long maximum) =>
        $"The imported {name} hash has {parameter}={value}, but the maximum allowed is {maximum}.";
}
