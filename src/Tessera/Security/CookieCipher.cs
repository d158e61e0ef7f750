using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Tessera.Security;

/// <summary>
/// AES-256-GCM for small cookie payloads. Each secret yields a key through HKDF-SHA256 with a per-purpose label, and the
/// purpose is also the associated data, so a value made for one cookie never opens as another. The value is
/// base64url(version ‖ nonce ‖ ciphertext ‖ tag).
/// </summary>
internal sealed class CookieCipher
{
    const byte Version = 1;
    const int NonceSize = 12;
    const int TagSize = 16;
    readonly IReadOnlyList<byte[]> _secrets;
    readonly ConcurrentDictionary<string, byte[][]> _keys = new(StringComparer.Ordinal);

    public CookieCipher(Secrets secrets) => _secrets = secrets.Cookie;

    public string Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var key = Keys(purpose)[0];
        var output = new byte[1 + NonceSize + plaintext.Length + TagSize];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(1 + NonceSize, plaintext.Length), output.AsSpan(1 + NonceSize + plaintext.Length), Encoding.UTF8.GetBytes(purpose));
        return Base64Url.EncodeToString(output);
    }

    /// <summary>The plaintext, or null when the value is malformed, tampered with or made with a key we do not hold.</summary>
    public byte[]? Unprotect(string value, string purpose)
    {
        byte[] input;
        try
        {
            input = Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            return null;
        }

        if (input.Length < 1 + NonceSize + TagSize || input[0] != Version)
        {
            return null;
        }

        var nonce = input.AsSpan(1, NonceSize);
        var length = input.Length - 1 - NonceSize - TagSize;
        var ciphertext = input.AsSpan(1 + NonceSize, length);
        var tag = input.AsSpan(1 + NonceSize + length);
        var plaintext = new byte[length];
        var aad = Encoding.UTF8.GetBytes(purpose);
        foreach (var key in Keys(purpose))
        {
            using var aes = new AesGcm(key, TagSize);
            try
            {
                aes.Decrypt(nonce, ciphertext, tag, plaintext, aad);
                return plaintext;
            }
            catch (AuthenticationTagMismatchException)
            {
            }
        }

        return null;
    }

    byte[][] Keys(string purpose) => _keys.GetOrAdd(purpose, p => _secrets.Select(s => DeriveKey(s, p)).ToArray());

    static byte[] DeriveKey(byte[] secret, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: [], info: Encoding.UTF8.GetBytes("tessera cookie " + purpose));
}
