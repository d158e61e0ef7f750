using Tessera.Hashing;
using Xunit;

namespace Tessera.Tests.Hashing;

public sealed class BcryptHasherTests
{
    [Fact]
    public void Hash_round_trips_and_uses_the_2a_prefix_with_the_configured_cost()
    {
        var hasher = new BcryptHasher(4);
        var hash = hasher.Hash("correct horse");

        Assert.StartsWith("$2a$04$", hash, StringComparison.Ordinal);
        Assert.Equal(60, hash.Length);
        Assert.Equal("bcrypt", hasher.Algorithm);
        Assert.Null(HashFormats.ImportError(hash));
        Assert.True(HashFormats.Verify("correct horse", hash));
        Assert.False(HashFormats.Verify("correct horsf", hash));
    }

    [Fact]
    public void Byte_and_string_overloads_hash_the_same_utf8_bytes()
    {
        var hasher = new BcryptHasher(4);
        Assert.True(HashFormats.Verify("pässwörd"u8, hasher.Hash("pässwörd")));
        Assert.True(HashFormats.Verify("pässwörd", hasher.Hash("pässwörd"u8)));
    }

    [Fact]
    public void Understands_bcrypt_of_at_least_the_configured_cost()
    {
        var hasher = new BcryptHasher(4);
        Assert.True(hasher.Understands(hasher.Hash("pw")));
        Assert.True(hasher.Understands(new BcryptHasher(5).Hash("pw")));
        Assert.True(hasher.Understands("$2a$10$ZsCsoVQ3xfBG/K2z2XpBf.tm90GZmtOqtqWcB5.pYd5Eq8y7RlDyq"));
        Assert.False(new BcryptHasher(5).Understands(hasher.Hash("pw")));
        Assert.False(hasher.Understands("$argon2id$v=19$m=16,t=2,p=1$bVI1aE1SaTV6SGQ3bzdXdw$fnjCcZYmEPOUOjYXsT92Cg"));
        Assert.False(hasher.Understands("$2a$04$short"));
        Assert.False(hasher.Understands(""));
    }

    [Fact]
    public void Passwords_over_72_bytes_are_flagged_and_never_silently_truncated()
    {
        var hasher = new BcryptHasher(4);
        var tooLong = new string('ä', 37); // 74 UTF-8 bytes, only 37 characters

        Assert.Equal(72, BcryptHasher.MaxPasswordBytes);
        Assert.True(BcryptHasher.IsTooLong(tooLong));
        Assert.False(BcryptHasher.IsTooLong(new string('ä', 36)));
        Assert.Throws<ArgumentException>(() => hasher.Hash(tooLong));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(32)]
    public void Cost_outside_bcrypt_range_is_refused(int cost) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BcryptHasher(cost));
}
