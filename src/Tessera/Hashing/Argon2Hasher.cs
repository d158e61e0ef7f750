using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tessera.Hashing;

internal sealed class Argon2Hasher : IPasswordHasher
{
    // libsodium's Argon2id runs a single lane, so new hashes are made (and labelled) with p=1 whatever
    // hashers.argon2.parallelism says; the PHC string stays truthful and any Argon2 implementation verifies it.
    private const int Lanes = 1;

    private readonly Argon2Options _options;

    public Argon2Hasher(Argon2Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MemoryKiB, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Iterations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SaltLength, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.KeyLength, 16);
        _options = options;
    }

    public string Algorithm => "argon2";

    public Argon2Options Options => _options;

    public string Hash(ReadOnlySpan<byte> passwordUtf8)
    {
        var salt = RandomNumberGenerator.GetBytes(_options.SaltLength);
        var key = Argon2Kdf.Derive(
            Argon2Variant.Argon2id, passwordUtf8, salt, _options.MemoryKiB, _options.Iterations, Lanes, _options.KeyLength);
        return Argon2Phc.Format(Argon2Variant.Argon2id, _options.MemoryKiB, _options.Iterations, Lanes, salt, key);
    }

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Hash(Encoding.UTF8.GetBytes(password));
    }

    public bool Understands(string hash) =>
        Argon2Phc.TryParse(hash, out var phc)
        && phc.Variant == Argon2Variant.Argon2id
        && phc.MemoryKiB >= _options.MemoryKiB
        && phc.Iterations >= _options.Iterations
        && phc.Salt.Length >= _options.SaltLength
        && phc.Key.Length >= _options.KeyLength;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"argon2id(m={_options.MemoryKiB},t={_options.Iterations},p={Lanes})");
}
