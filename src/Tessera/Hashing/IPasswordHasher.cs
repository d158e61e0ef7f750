namespace Tessera.Hashing;

/// <summary>
/// Produces new password hashes with the configured algorithm (<c>hashers.algorithm</c>). Verification of stored hashes,
/// whatever their format, goes through <see cref="HashFormats.Verify(ReadOnlySpan{byte}, string)"/>.
/// </summary>
internal interface IPasswordHasher
{
    /// <summary>The configured algorithm name, as in Kratos's <c>hashers.algorithm</c> (<c>bcrypt</c> or <c>argon2</c>).</summary>
    string Algorithm { get; }

    /// <summary>Hashes the UTF-8 bytes of a password with a fresh random salt.</summary>
    string Hash(ReadOnlySpan<byte> passwordUtf8);

    /// <summary>Hashes a password after encoding it as UTF-8 (never UTF-16).</summary>
    string Hash(string password);

    /// <summary>
    /// True when <paramref name="hash"/> uses this hasher's algorithm at least as strongly as configured. A successful
    /// login with any other hash re-hashes the password; a stronger hash of the same algorithm is kept (never downgraded).
    /// </summary>
    bool Understands(string hash);
}
