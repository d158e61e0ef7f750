using System.Text;
using Tessera.Security;
using Xunit;

namespace Tessera.Tests.Security;

public sealed class CipherTests
{
    const string KeyA = "0123456789abcdef0123456789abcdef";
    const string KeyB = "fedcba9876543210fedcba9876543210";

    [Theory]
    [InlineData(Cipher.Aes, "Kratos")]
    [InlineData(Cipher.XChaCha, "Kratos")]
    [InlineData(Cipher.Noop, "Derived")]
    public void Each_algorithm_round_trips_and_never_shows_the_plaintext(string algorithm, string mode)
    {
        var cipher = new Cipher(algorithm, [KeyA], ["a default secret of some length"]);
        Assert.Equal(mode, cipher.Mode.ToString());

        var sealedText = cipher.Encrypt("otpauth://totp/secret"u8);

        Assert.DoesNotContain(Convert.ToHexStringLower("otpauth"u8), sealedText, StringComparison.Ordinal);
        Assert.Equal("otpauth://totp/secret", Encoding.UTF8.GetString(cipher.Decrypt(sealedText)));
        Assert.NotEqual(sealedText, cipher.Encrypt("otpauth://totp/secret"u8));
    }

    [Theory]
    [InlineData(Cipher.Aes, 12)]
    [InlineData(Cipher.XChaCha, 24)]
    public void Kratos_algorithms_write_hex_of_nonce_ciphertext_and_tag(string algorithm, int nonce)
    {
        var sealedText = new Cipher(algorithm, [KeyA], []).Encrypt("12345"u8);

        Assert.Equal((nonce + 5 + 16) * 2, sealedText.Length);
        Assert.Equal(sealedText, Convert.ToHexStringLower(Convert.FromHexString(sealedText)));
    }

    [Fact]
    public void Aes_opens_a_value_sealed_elsewhere_with_the_secret_bytes_as_key()
    {
        // AES-256-GCM of "otpauth://totp/x" under KeyA with nonce 00..0b (made with Python's cryptography package).
        const string sealedText = "000102030405060708090a0b4291cb1dac6cba9687f305d105bffe7cbed05efcd37f4b626688195a1f14f2c6";

        Assert.Equal("otpauth://totp/x", new Cipher(Cipher.Aes, [KeyA], []).DecryptString(sealedText));
    }

    [Theory]
    [InlineData(Cipher.Aes)]
    [InlineData(Cipher.XChaCha)]
    [InlineData(Cipher.Noop)]
    public void A_rotated_secret_still_decrypts_and_the_new_first_secret_encrypts(string algorithm)
    {
        var old = new Cipher(algorithm, [KeyA], []);
        var sealedBefore = old.Encrypt("lookup"u8);

        var rotated = new Cipher(algorithm, [KeyB, KeyA], []);
        Assert.Equal("lookup", rotated.DecryptString(sealedBefore));

        var sealedAfter = rotated.Encrypt("lookup"u8);
        Assert.Equal("lookup", new Cipher(algorithm, [KeyB], []).DecryptString(sealedAfter));
        var error = Assert.Throws<CipherException>(() => new Cipher(algorithm, [KeyA], []).Decrypt(sealedAfter));
        Assert.Equal(403, error.Error.Code);
        Assert.Equal("Unable to decipher the encrypted message.", error.Error.Reason);
    }

    [Fact]
    public void Noop_without_cipher_secrets_derives_a_key_from_the_default_secret_and_marks_the_value()
    {
        var cipher = new Cipher(Cipher.Noop, [], ["the default secret, any length"]);
        var sealedText = cipher.Encrypt("secret"u8);

        Assert.StartsWith(Cipher.DerivedPrefix, sealedText, StringComparison.Ordinal);
        Assert.Equal("secret", cipher.DecryptString(sealedText));
        Assert.Throws<CipherException>(() => new Cipher(Cipher.Noop, [], ["another default secret"]).Decrypt(sealedText));
    }

    [Fact]
    public void Switching_from_noop_to_aes_still_opens_values_written_before()
    {
        var before = new Cipher(Cipher.Noop, [KeyA], []).Encrypt("totp"u8);

        Assert.Equal("totp", new Cipher(Cipher.Aes, [KeyA], []).DecryptString(before));
    }

    [Fact]
    public void Without_any_secret_values_are_kratos_noop_hex()
    {
        var cipher = new Cipher(Cipher.Noop, [], []);

        Assert.Equal(CipherMode.Clear, cipher.Mode);
        Assert.Equal("616263", cipher.Encrypt("abc"u8));
        Assert.Equal("abc", cipher.DecryptString("616263"));
    }

    [Fact]
    public void Cipher_secrets_that_are_not_32_characters_are_ignored_as_kratos_does()
    {
        var cipher = new Cipher(Cipher.Aes, ["too short for a cipher key"], []);

        Assert.Equal(CipherMode.Derived, cipher.Mode);
        Assert.StartsWith(Cipher.DerivedPrefix, cipher.Encrypt("x"u8), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Cipher.Aes, "zz")]
    [InlineData(Cipher.Aes, "00ff")]
    [InlineData(Cipher.XChaCha, "00ff")]
    [InlineData(Cipher.Noop, "tx1:nothex")]
    public void Malformed_or_short_values_are_errors_not_crashes(string algorithm, string value)
    {
        var cipher = new Cipher(algorithm, [KeyA], []);

        var error = Assert.Throws<CipherException>(() => cipher.Decrypt(value));
        Assert.InRange(error.Error.Code, 400, 403);
        Assert.False(cipher.TryDecrypt(value, out _));
    }

    [Fact]
    public void Empty_stays_empty()
    {
        var cipher = new Cipher(Cipher.Aes, [KeyA], []);

        Assert.Equal("", cipher.Encrypt([]));
        Assert.Empty(cipher.Decrypt(""));
    }
}
