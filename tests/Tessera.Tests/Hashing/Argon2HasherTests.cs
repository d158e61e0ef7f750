using Tessera.Hashing;
using Xunit;

namespace Tessera.Tests.Hashing;

public sealed class Argon2HasherTests
{
    private static readonly Argon2Options Small = new() { MemoryKiB = 64, Iterations = 2, SaltLength = 16, KeyLength = 32 };

    [Fact]
    public void Defaults_are_kratos_defaults()
    {
        var options = new Argon2Options();
        Assert.Equal(131072, options.MemoryKiB);
        Assert.Equal(1, options.Iterations);
        Assert.Equal(16, options.SaltLength);
        Assert.Equal(32, options.KeyLength);
    }

    [Fact]
    public void Hash_round_trips_as_argon2id_phc_with_one_lane()
    {
        var hasher = new Argon2Hasher(Small with { Parallelism = 4 });
        var hash = hasher.Hash("correct horse");

        Assert.StartsWith("$argon2id$v=19$m=64,t=2,p=1$", hash, StringComparison.Ordinal);
        var parts = hash.Split('$');
        Assert.Equal(22, parts[4].Length); // 16 bytes, unpadded
        Assert.Equal(43, parts[5].Length); // 32 bytes, unpadded
        Assert.DoesNotContain('=', parts[4] + parts[5]);
        Assert.Equal("argon2", hasher.Algorithm);
        Assert.Null(HashFormats.ImportError(hash));
        Assert.True(HashFormats.Verify("correct horse", hash));
        Assert.False(HashFormats.Verify("correct horsf", hash));
    }

    [Fact]
    public void Hashes_are_salted()
    {
        var hasher = new Argon2Hasher(Small);
        Assert.NotEqual(hasher.Hash("pw"), hasher.Hash("pw"));
    }

    [Fact]
    public void Salt_and_key_lengths_other_than_libsodiums_go_through_the_managed_implementation()
    {
        var hasher = new Argon2Hasher(Small with { SaltLength = 24, KeyLength = 64 });
        var hash = hasher.Hash("pw");
        Assert.True(HashFormats.Verify("pw", hash));
        Assert.True(hasher.Understands(hash));
    }

    [Fact]
    public void Understands_argon2id_at_least_as_strong_as_configured()
    {
        var hasher = new Argon2Hasher(Small);
        var hash = hasher.Hash("pw");

        Assert.True(hasher.Understands(hash));
        Assert.False(new Argon2Hasher(Small with { MemoryKiB = Small.MemoryKiB * 2 }).Understands(hash));
        Assert.False(new Argon2Hasher(Small with { Iterations = Small.Iterations + 1 }).Understands(hash));
        Assert.False(new Argon2Hasher(Small with { SaltLength = 24 }).Understands(hash));
        Assert.True(new Argon2Hasher(Small with { KeyLength = 16 }).Understands(hash)); // a longer key than configured is not weaker
        Assert.True(new Argon2Hasher(Small with { Iterations = 1 }).Understands(hash));
        Assert.False(hasher.Understands(hash.Replace("$argon2id$", "$argon2i$", StringComparison.Ordinal)));
        Assert.False(hasher.Understands(new BcryptHasher(4).Hash("pw")));
        Assert.False(hasher.Understands("$argon2id$v=19$m=64,t=2,p=1$garbage"));
    }

    [Fact]
    public void Argon2id_with_several_lanes_verifies_through_the_managed_implementation()
    {
        // Made with Konscious (p=2) through Argon2Kdf, then checked against the same parameters with p=1 failing.
        var salt = new byte[16];
        var key = Argon2Kdf.Derive(Argon2Variant.Argon2id, "pw"u8, salt, 64, 2, 2, 32);
        var hash = Argon2Phc.Format(Argon2Variant.Argon2id, 64, 2, 2, salt, key);
        Assert.True(HashFormats.Verify("pw", hash));
        Assert.False(HashFormats.Verify("pw", hash.Replace(",p=2$", ",p=1$", StringComparison.Ordinal)));
    }

    [Fact]
    public void Libsodium_and_managed_implementations_agree_on_one_lane()
    {
        var salt = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var sodium = Argon2Kdf.Derive(Argon2Variant.Argon2id, "pw"u8, salt, 64, 2, 1, 32);
        using var managed = new Konscious.Security.Cryptography.Argon2id("pw"u8.ToArray())
        {
            Salt = salt,
            MemorySize = 64,
            Iterations = 2,
            DegreeOfParallelism = 1,
        };
        Assert.Equal(managed.GetBytes(32), sodium);
    }
}
