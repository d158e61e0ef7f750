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
    /// True only when <paramref name="hash"/> uses this hasher's algorithm with exactly its current parameters, so a
    /// successful login with any other hash should re-hash the password with this hasher.
    /// </summary>
    bool Understands(string hash);
}
