namespace Tessera.Hashing;

/// <summary>One accepted stored-hash format: how it is recognised, checked on import, and verified at login.</summary>
/// <param name="Name">Short name for logs and messages (<c>bcrypt</c>, <c>pbkdf2</c>, …).</param>
/// <param name="Detects">True when the hash carries this format's prefix; formats never share a prefix.</param>
/// <param name="ImportError">Null when the hash is well-formed and within the import bounds, else the reason.</param>
/// <param name="Verify">Compares a password with a hash already detected as this format.</param>
internal sealed record HashFormat(
    string Name,
    Func<string, bool> Detects,
    Func<string, string?> ImportError,
    Func<ReadOnlySpan<byte>, string, bool> Verify);
