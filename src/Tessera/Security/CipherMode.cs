namespace Tessera.Security;

/// <summary>How <see cref="Cipher.Encrypt(ReadOnlySpan{byte})"/> seals new values.</summary>
internal enum CipherMode
{
    /// <summary>Kratos's <c>aes</c> or <c>xchacha20-poly1305</c> format under <c>secrets.cipher</c>.</summary>
    Kratos,

    /// <summary>XChaCha20-Poly1305 under a key derived from <c>secrets.cipher</c> or <c>secrets.default</c>, marked <c>tx1:</c>.</summary>
    Derived,

    /// <summary>No secret configured: clear hex, as Kratos's <c>noop</c>.</summary>
    Clear,
}
