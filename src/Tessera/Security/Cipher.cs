using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using Tessera.Config;

namespace Tessera.Security;

/// <summary>
/// <c>secrets.cipher</c> with <c>ciphers.algorithm</c>, for credential secrets at rest (TOTP keys, lookup codes, provider
/// tokens). The first secret encrypts, every secret is tried to decrypt (rotation).
/// <list type="bullet">
/// <item><c>aes</c> and <c>xchacha20-poly1305</c> with at least one valid cipher secret (exactly 32 characters, as Kratos
/// filters them): Kratos's own format, hex(nonce ‖ ciphertext ‖ tag), AES-256-GCM with a 12-byte nonce or
/// XChaCha20-Poly1305 with a 24-byte nonce, the secret's bytes as the key. Values are interchangeable with Kratos's.</item>
/// <item>Otherwise (<c>noop</c>, Kratos's default, or no valid cipher secret): Kratos would store hex in clear, but
/// credential secrets must be encrypted at rest, so Tessera uses XChaCha20-Poly1305 under a key derived (HKDF-SHA256)
/// from <c>secrets.cipher</c> of any length, else <c>secrets.default</c>, and marks the value <c>tx1:</c> + hex(nonce ‖
/// ciphertext ‖ tag) so that it decrypts whatever the algorithm is later set to.</item>
/// <item>No secret at all (a development set-up): Kratos's <c>noop</c>, hex in clear, with a warning at start-up.</item>
/// </list>
/// Decryption accepts every form it knows: <c>tx1:</c> values, the configured algorithm's values and, under <c>noop</c>,
/// plain hex. A value that does not open raises <see cref="CipherException"/> with Kratos's error (403), which the edge
/// answers without internals.
/// </summary>
internal sealed class Cipher
{
    public const string Noop = "noop";
    public const string Aes = "aes";
    public const string XChaCha = "xchacha20-poly1305";

    /// <summary>Marks a value sealed under a derived key (version 1).</summary>
    public const string DerivedPrefix = "tx1:";

    const int AesNonceSize = 12;
    const int TagSize = 16;
    static readonly byte[] DerivationInfo = "tessera credential cipher v1"u8.ToArray();
    static readonly AeadAlgorithm XChaCha20 = AeadAlgorithm.XChaCha20Poly1305;

    readonly byte[][] _cipherKeys;
    readonly byte[][] _derivedKeys;

    public Cipher(TesseraConfig config, ILogger<Cipher> logger)
        : this(ConfigNode.String(config.Root, "ciphers.algorithm") ?? Noop,
            ConfigNode.Strings(config.Root, "secrets.cipher"), ConfigNode.Strings(config.Root, "secrets.default"))
    {
        if (Mode == CipherMode.Clear)
        {
            Log.CredentialSecretsInClear(logger);
        }
    }

    public Cipher(string algorithm, IReadOnlyList<string> cipherSecrets, IReadOnlyList<string> defaultSecrets)
    {
        Algorithm = algorithm;
        // Kratos ignores cipher secrets that are not exactly 32 characters long.
        _cipherKeys = cipherSecrets.Where(s => s.Length == 32).Select(s => Encoding.UTF8.GetBytes(s)).Where(k => k.Length == 32).ToArray();
        var derivedFrom = cipherSecrets.Count > 0 ? cipherSecrets : defaultSecrets;
        _derivedKeys = derivedFrom.Select(Derive).ToArray();
        Mode = algorithm is Aes or XChaCha && _cipherKeys.Length > 0 ? CipherMode.Kratos
            : _derivedKeys.Length > 0 ? CipherMode.Derived
            : CipherMode.Clear;
    }

    public string Algorithm { get; }

    public CipherMode Mode { get; }

    public string Encrypt(ReadOnlySpan<byte> plaintext)
    {
        // Kratos: nothing to hide stays an empty string.
        if (plaintext.IsEmpty)
        {
            return "";
        }

        return Mode switch
        {
            CipherMode.Kratos when Algorithm == Aes => Convert.ToHexStringLower(SealAes(_cipherKeys[0], plaintext)),
            CipherMode.Kratos => Convert.ToHexStringLower(SealXChaCha(_cipherKeys[0], plaintext)),
            CipherMode.Derived => DerivedPrefix + Convert.ToHexStringLower(SealXChaCha(_derivedKeys[0], plaintext)),
            _ => Convert.ToHexStringLower(plaintext),
        };
    }

    public string Encrypt(string plaintext) => Encrypt(Encoding.UTF8.GetBytes(plaintext));

    /// <exception cref="CipherException">The value is malformed or no configured secret opens it.</exception>
    public byte[] Decrypt(string ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        if (ciphertext.Length == 0)
        {
            return [];
        }

        if (ciphertext.StartsWith(DerivedPrefix, StringComparison.Ordinal))
        {
            var sealedBytes = Hex(ciphertext.AsSpan(DerivedPrefix.Length));
            return Open(_derivedKeys, sealedBytes, OpenXChaCha);
        }

        var raw = Hex(ciphertext);
        return Algorithm switch
        {
            Aes => Open(_cipherKeys, raw, OpenAes),
            XChaCha => Open(_cipherKeys, raw, OpenXChaCha),
            // noop: Kratos's clear hex.
            _ => raw,
        };
    }

    public string DecryptString(string ciphertext) => Encoding.UTF8.GetString(Decrypt(ciphertext));

    /// <summary>Like <see cref="Decrypt"/>, but false instead of an exception.</summary>
    public bool TryDecrypt(string ciphertext, out byte[] plaintext)
    {
        try
        {
            plaintext = Decrypt(ciphertext);
            return true;
        }
        catch (CipherException)
        {
            plaintext = [];
            return false;
        }
    }

    static byte[] Derive(string secret) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [], info: DerivationInfo);

    static byte[] Hex(ReadOnlySpan<char> hex)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw new CipherException(CipherException.Malformed());
        }
    }

    static byte[] Open(byte[][] keys, byte[] sealedBytes, Func<byte[], byte[], byte[]?> open)
    {
        if (keys.Length == 0)
        {
            throw new CipherException(CipherException.NoSecrets());
        }

        foreach (var key in keys)
        {
            if (open(key, sealedBytes) is { } plaintext)
            {
                return plaintext;
            }
        }

        throw new CipherException(CipherException.Undecipherable());
    }

    static byte[] SealAes(byte[] key, ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[AesNonceSize + plaintext.Length + TagSize];
        var nonce = output.AsSpan(0, AesNonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(AesNonceSize, plaintext.Length), output.AsSpan(AesNonceSize + plaintext.Length));
        return output;
    }

    static byte[]? OpenAes(byte[] key, byte[] input)
    {
        if (input.Length < AesNonceSize + TagSize)
        {
            return null;
        }

        var length = input.Length - AesNonceSize - TagSize;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(input.AsSpan(0, AesNonceSize), input.AsSpan(AesNonceSize, length), input.AsSpan(AesNonceSize + length), plaintext);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    static byte[] SealXChaCha(byte[] keyBytes, ReadOnlySpan<byte> plaintext)
    {
        using var key = Key.Import(XChaCha20, keyBytes, KeyBlobFormat.RawSymmetricKey);
        var nonceSize = XChaCha20.NonceSize;
        var output = new byte[nonceSize + plaintext.Length + XChaCha20.TagSize];
        var nonce = output.AsSpan(0, nonceSize);
        RandomNumberGenerator.Fill(nonce);
        XChaCha20.Encrypt(key, nonce, [], plaintext, output.AsSpan(nonceSize));
        return output;
    }

    static byte[]? OpenXChaCha(byte[] keyBytes, byte[] input)
    {
        var nonceSize = XChaCha20.NonceSize;
        if (input.Length < nonceSize + XChaCha20.TagSize)
        {
            return null;
        }

        using var key = Key.Import(XChaCha20, keyBytes, KeyBlobFormat.RawSymmetricKey);
        var plaintext = new byte[input.Length - nonceSize - XChaCha20.TagSize];
        return XChaCha20.Decrypt(key, input.AsSpan(0, nonceSize), [], input.AsSpan(nonceSize), plaintext) ? plaintext : null;
    }
}
