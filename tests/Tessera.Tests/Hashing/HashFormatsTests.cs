using Tessera.Hashing;
using Xunit;

namespace Tessera.Tests.Hashing;

public sealed class HashFormatsTests
{
    // Password "123456" unless noted. Provenance of each vector:
    //   api   = API.md §14.2 examples (Kratos's own test vectors);
    //   py    = python3 3.11 hashlib/hmac (pbkdf2_hmac incl. sha3_224/sha3_384, scrypt, sha*, md5, hmac), salt
    //           "tessera-salt-16b", SSHA salt 01..08, hmac key "hmac-key", pattern "{SALT}{PASSWORD}";
    //   fire  = python3 hashlib.scrypt(N=2^10, r=8, p=1, salt‖separator, 32 bytes) then `openssl enc -aes-256-ctr`
    //           with a zero IV over the signer key bytes 00..3f;
    //   md4   = `openssl dgst -md4 -hmac hmac-key -provider legacy`;
    //   crypt = `openssl passwd -1/-5/-6 -salt …` and python3 crypt.crypt (glibc/libxcrypt) for rounds= and long input.
    [Theory]
    [InlineData("bcrypt", "$2a$10$ZsCsoVQ3xfBG/K2z2XpBf.tm90GZmtOqtqWcB5.pYd5Eq8y7RlDyq")] // api
    [InlineData("argon2id", "$argon2id$v=19$m=16,t=2,p=1$bVI1aE1SaTV6SGQ3bzdXdw$fnjCcZYmEPOUOjYXsT92Cg")] // api
    [InlineData("argon2i", "$argon2i$v=19$m=65536,t=3,p=4$STVE4CQ9qQ1dK/j224VMbA$o8b+k5wdHgBqf7ES+aWG2K7Y9diQ6ahEhbW8zcstXGo")] // api
    [InlineData("pbkdf2", "$pbkdf2-sha256$i=1000,l=128$e8/arsEf4cvQihdNgqj0Nw$5xQQKNTyeTHx2Ld5/JDE7A")] // api
    [InlineData("pbkdf2", "$pbkdf2-sha1$i=1000,l=32$dGVzc2VyYS1zYWx0LTE2Yg$nmZEhmV0u2dAnqT21LTQx2046NdMw0PbNiLz6WhAYdE")] // py
    [InlineData("pbkdf2", "$pbkdf2-sha256$i=1000,l=32$dGVzc2VyYS1zYWx0LTE2Yg$Ug6GKcQdG4HYUmzLK7vhY/C/2fVAkpY/9s3F3EUS6rw")] // py
    [InlineData("pbkdf2", "$pbkdf2-sha512$i=1000,l=32$dGVzc2VyYS1zYWx0LTE2Yg$9ewnsENY7V5ViuRYukWVpgx8XEpubEHLNcSWpVli/TI")] // py
    [InlineData("pbkdf2", "$pbkdf2-sha224$i=1000,l=32$dGVzc2VyYS1zYWx0LTE2Yg$Q3ExwEfBbO6meCazLmWE2J5WivbnjZU4nGnnKR7MTRA")] // py sha3_224
    [InlineData("pbkdf2", "$pbkdf2-sha384$i=1000,l=32$dGVzc2VyYS1zYWx0LTE2Yg$vt6JT8MkOoSwRh2/jcafeWaC4HKNe8L0zsE3y7E35nU")] // py sha3_384
    [InlineData("pbkdf2", "$pbkdf2-sha3$i=1000,l=32$dGVzc2VyYS1zYWx0LTE2Yg$Ug6GKcQdG4HYUmzLK7vhY/C/2fVAkpY/9s3F3EUS6rw")] // py, unknown alg → sha256
    [InlineData("scrypt", "$scrypt$ln=16384,r=8,p=1$ZtQva9xCHzlSELH/mA7Kj5KjH2tCrkbwYzdxknkL0QQ=$pnTcXKaWVT+FwFDdk3vO1K0J7ZgOxdSU1tCJNYmn8zI=")] // api
    [InlineData("scrypt", "$scrypt$ln=1024,r=8,p=1$dGVzc2VyYS1zYWx0LTE2Yg==$ieMyl8O4Qh2xpt5+9UvXkjwa7EtymA4FdFmLiCIjDjk=")] // py
    [InlineData("firescrypt", "$firescrypt$ln=10,r=8,p=1$dGVzc2VyYS1zYWx0LTE2Yg==$wGnWXpUNUfcwFh2PME/yjO9HtZozWM7ui5v6WKsot4XIhJnQUEjxOznVYQrJ9O9IM58MgzDdwCLXGUfSxP5NtQ==$Bw==$AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==")] // fire
    [InlineData("sha", "$sha1$pf=e1NBTFR9e1BBU1NXT1JEfQ==$dGVzc2VyYS1zYWx0LTE2Yg==$xGu9l1okH6Ya6Al3kCSIVyldE8I=")] // py
    [InlineData("sha", "$sha256$pf=e1NBTFR9e1BBU1NXT1JEfQ==$dGVzc2VyYS1zYWx0LTE2Yg==$1PQkAPU6WeFrP0oESv5XWKTyHwp0evadZT519T8SatM=")] // py
    [InlineData("sha", "$sha256$pf=e1BBU1NXT1JEfS0te1NBTFR9$dGVzc2VyYS1zYWx0LTE2Yg==$Te7hU/brL7O3uzhWPKOztvhznf2hdMRA2Kr21gOeFgU=")] // py, "{PASSWORD}--{SALT}"
    [InlineData("sha", "$sha512$pf=e1NBTFR9e1BBU1NXT1JEfQ==$dGVzc2VyYS1zYWx0LTE2Yg==$tuQIZq+QUeAbj7GF+dhui2QpUt0oi0oUR7O031FmUIzVd5ZYmqB/k6SIRWCEoFmIiLwoyHPkJmGUJpluysQoZw==")] // py
    [InlineData("ssha", "{SSHA}YInJaSQGqYbrwQsi5a9XvZXjgqYBAgMEBQYHCA==")] // py
    [InlineData("ssha", "{SSHA256}X/0nTEpRCh4Olf1f7c3M0Z6R+hoZ5KmWMZVcV74PwTsBAgMEBQYHCA==")] // py
    [InlineData("ssha", "{SSHA512}WbKLyWH1BQzAY57vOEdlH74+8i8zCCVFEBjVW/WYHBy32+U5FPtT4xldlL+UFB7CRwP+ogazi3l4p7A2LvUazAECAwQFBgcI")] // py
    [InlineData("md5", "$md5$4QrcOUm6Wau+VuBX8g+IPg==")] // api
    [InlineData("md5", "$md5$pf=e1NBTFR9e1BBU1NXT1JEfQ==$dGVzc2VyYS1zYWx0LTE2Yg==$IN7ug6POKvbkH8h3mvoJBw==")] // py
    [InlineData("hmac", "$hmac-sha256$YjhhZDA4YTNhNTQ3ZTM1ODI5YjgyMWI3NTM3MDMwMWRkOGM0YjA2YmRkNzc3MWY5YjU0MWE3NTkxNDA2ODcxOA==$MTIzNDU2")] // api
    [InlineData("hmac", "$hmac-md4$ODM1NzJkNTE4MTVmMGMwYTIxNjJlN2YwOGM0ZDMwYjc=$aG1hYy1rZXk=")] // md4
    [InlineData("hmac", "$hmac-md5$YzI0YzE0MDY5MmIzNjIzYTYzYmI1ZTQxYTUwZmFhODU=$aG1hYy1rZXk=")] // py
    [InlineData("hmac", "$hmac-sha1$NWY4NTg4YWNiMzA2NzlhMDEyZjgyYWZlNGM5YjQ4OGUxY2UyNGU2Yg==$aG1hYy1rZXk=")] // py
    [InlineData("hmac", "$hmac-sha224$ZDQ1M2M5ZDUxMDc1ODAzMmVkZTI0ZWFlZTA5OGU0MTEwYjYxMDNkZDA3YTI0OTBjMmEyOTU2MTE=$aG1hYy1rZXk=")] // py
    [InlineData("hmac", "$hmac-sha384$MGJlYTA0YzVlNzExNWIwNDE0ODFhMGNmMTYwMDU5YmI5NGFkOWMxM2E1NWNmZWY4ZDJiMjdmMjIwOTkwYzYyNWRhMWZiNmI3MGNhZGEyZDVjNTA4ZTIxMjFmMGFlOWQ1$aG1hYy1rZXk=")] // py
    [InlineData("hmac", "$hmac-sha512$M2E0ZDA2ZGJkODgyYzVmZGE5YTYyYzBhYmY5ZTAxODA5YmFmYTkxYjZiOGYxMDBiZDI5Y2JlOGNhNTAxNzg1NzJlNjRmYTQzODRlYmE5Y2MwNGI5MWZmNzZlMDA0NTE0YzNmYjY0NmJlODFlODg1MTVjODMyNTg4N2FkMDg2OWI=$aG1hYy1rZXk=")] // py
    [InlineData("md5-crypt", "$md5-crypt$saltsalt$T5MN6iR8aoAeg.OHdYqBf0")] // crypt: openssl passwd -1
    [InlineData("sha256-crypt", "$sha256-crypt$saltstring$Rt6ARtrlnakHZbcazkqhyGl/GAI2vx61wZKXCZ3vm48")] // crypt: openssl passwd -5
    [InlineData("sha256-crypt", "$sha256-crypt$rounds=10000$saltstring$MXrsODGuvBOj/ule6cnFkburej.ADSoaePnMaINhyE.")] // crypt: python
    [InlineData("sha512-crypt", "$sha512-crypt$saltstring$RDx6WS187pthy5/eClLK7JgWdGkrNZVacOKt9.xUtRL3Pag0TT7YbfxLwQ6psx.WYzEUCqZ7remliU4atuKxc0")] // crypt: openssl passwd -6
    [InlineData("sha512-crypt", "$sha512-crypt$rounds=1000$abc$m0ZDJQEC/3Wv.tkdQmU2B1LllvgkWpA4BNQ4KvN03ZMsSsiq5pllQ9YnJwPwS.QpN1rfoZRWD/63sjPqL3Ame1")] // crypt: python
    public void Known_vector_verifies_is_named_and_imports(string format, string hash)
    {
        Assert.Equal(format, HashFormats.FormatName(hash));
        Assert.Null(HashFormats.ImportError(hash));
        Assert.True(HashFormats.Verify("123456", hash));
        Assert.False(HashFormats.Verify("1234567", hash));
        Assert.False(HashFormats.Verify("", hash));
    }

    [Fact]
    public void Ssha_vector_from_the_api_verifies_test123()
    {
        const string hash = "{SSHA}JFZFs0oHzxbMwkSJmYVeI8MnTDy/276a"; // api
        Assert.Equal("ssha", HashFormats.FormatName(hash));
        Assert.True(HashFormats.Verify("test123", hash));
        Assert.False(HashFormats.Verify("test124", hash));
    }

    [Theory]
    [InlineData("md5-crypt", "$md5-crypt$abcdefgh$M9Yd5a7iz7EXVGnGt69nD1")] // crypt: python, 8-char salt
    [InlineData("sha512-crypt", "$sha512-crypt$0123456789abcdef$Qb.YK4B96EyCx9vqHd6lT8tNO/hXb/dj2yrq3W8q6AovO62fQ3A4pKsYfOOBVCMuScbHZP.2qDMmTcrmTNeRP1")] // crypt: python, 16-char salt
    public void Crypt_handles_non_ascii_passwords_longer_than_one_digest_block(string format, string hash)
    {
        const string password = "pässwörd longer than sixteen bytes!";
        Assert.Equal(format, HashFormats.FormatName(hash));
        Assert.True(HashFormats.Verify(password, hash));
        Assert.False(HashFormats.Verify(password + "x", hash));
    }

    [Fact]
    public void Sha256_crypt_of_the_empty_password_verifies()
    {
        const string hash = "$sha256-crypt$x$yHbtfs4Y8t6X1xcJemNX.4JQRfUTafA2qQenWGLBee2"; // crypt: python, password ""
        Assert.True(HashFormats.Verify("", hash));
        Assert.False(HashFormats.Verify("123456", hash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("123456")]
    [InlineData("plaintext$2a$")]
    [InlineData("$2x$10$ZsCsoVQ3xfBG/K2z2XpBf.tm90GZmtOqtqWcB5.pYd5Eq8y7RlDyq")]
    [InlineData("$argon2d$v=19$m=16,t=2,p=1$bVI1aE1SaTV6SGQ3bzdXdw$fnjCcZYmEPOUOjYXsT92Cg")]
    [InlineData("$pbkdf2-md5$i=1000,l=32$c2FsdA$c2FsdA")]
    [InlineData("$sha384$pf=e1NBTFR9e1BBU1NXT1JEfQ==$c2FsdA==$c2FsdA==")]
    [InlineData("$hmac-sha3$YQ==$YQ==")]
    [InlineData("{SHA}fEqNCco3Yq9h5ZUglD3CZJT4lBs=")]
    [InlineData("$1$saltsalt$T5MN6iR8aoAeg.OHdYqBf0")]
    public void Unknown_formats_are_refused_with_the_kratos_text(string hash)
    {
        Assert.Null(HashFormats.FormatName(hash));
        Assert.Equal("The imported password does not match any known hash format.", HashFormats.ImportError(hash));
        Assert.False(HashFormats.Verify("123456", hash));
    }

    [Theory]
    [InlineData("$2a$10$ZsCsoVQ3xfBG/K2z2XpBf.tm90GZmtOqtqWcB5.pYd5Eq8y7RlDy")] // one character short
    [InlineData("$2a$10$ZsCsoVQ3xfBG/K2z2XpBf.tm90GZmtOqtqWcB5.pYd5Eq8y7RlDy!")]
    [InlineData("$2a$03$ZsCsoVQ3xfBG/K2z2XpBf.tm90GZmtOqtqWcB5.pYd5Eq8y7RlDyq")] // below bcrypt's minimum cost
    [InlineData("$2a$")]
    [InlineData("$argon2id$v=19$m=16,t=2,p=1$bVI1aE1SaTV6SGQ3bzdXdw")]
    [InlineData("$argon2id$v=16$m=16,t=2,p=1$bVI1aE1SaTV6SGQ3bzdXdw$fnjCcZYmEPOUOjYXsT92Cg")]
    [InlineData("$argon2id$v=19$m=16,t=0,p=1$bVI1aE1SaTV6SGQ3bzdXdw$fnjCcZYmEPOUOjYXsT92Cg")]
    [InlineData("$argon2id$v=19$t=2,m=16,p=1$bVI1aE1SaTV6SGQ3bzdXdw$fnjCcZYmEPOUOjYXsT92Cg")]
    [InlineData("$argon2id$v=19$m=16,t=2,p=1$bVI1aE1SaTV6SGQ3bzdXdw==$fnjCcZYmEPOUOjYXsT92Cg")] // padding not allowed
    [InlineData("$argon2id$v=19$m=16,t=2,p=1$bVI1aE1SaTV6SGQ3bzdXdw$fnjCcZYm#POUOjYXsT92Cg")]
    [InlineData("$pbkdf2-sha256$i=1000,l=128$e8/arsEf4cvQihdNgqj0Nw$")] // an empty key would match anything
    [InlineData("$pbkdf2-sha256$i=0,l=128$e8/arsEf4cvQihdNgqj0Nw$5xQQKNTyeTHx2Ld5/JDE7A")]
    [InlineData("$pbkdf2-sha256$i=1000$e8/arsEf4cvQihdNgqj0Nw$5xQQKNTyeTHx2Ld5/JDE7A")]
    [InlineData("$scrypt$ln=16384,r=8,p=1$ZtQva9xCHzlSELH/mA7Kj5KjH2tCrkbwYzdxknkL0QQ$pnTcXKaWVT+FwFDdk3vO1K0J7ZgOxdSU1tCJNYmn8zI=")] // padding required
    [InlineData("$scrypt$ln=1000,r=8,p=1$ZtQva9xCHzlSELH/mA7Kj5KjH2tCrkbwYzdxknkL0QQ=$pnTcXKaWVT+FwFDdk3vO1K0J7ZgOxdSU1tCJNYmn8zI=")] // N not a power of two
    [InlineData("$firescrypt$ln=10,r=8,p=1$dGVzc2VyYS1zYWx0LTE2Yg==$$Bw==$AAEC")]
    [InlineData("$firescrypt$ln=10,r=8,p=1$dGVzc2VyYS1zYWx0LTE2Yg==$Bw==")]
    [InlineData("$sha256$pf=e1NBTFR9e1BBU1NXT1JEfQ==$dGVzc2VyYS1zYWx0LTE2Yg==")]
    [InlineData("$sha256$xx=e1NBTFR9e1BBU1NXT1JEfQ==$dGVzc2VyYS1zYWx0LTE2Yg==$1PQkAPU6WeFrP0oESv5XWKTyHwp0evadZT519T8SatM=")]
    [InlineData("{SSHA}AAAAAAAAAAAAAAAAAAAAAAAAAAA=")] // 20 bytes: a digest with no salt
    [InlineData("{SSHA}not base64!")]
    [InlineData("$md5$")]
    [InlineData("$md5$4QrcOUm6Wau+VuBX8g+IPg")]
    [InlineData("$hmac-sha256$YjhhZDA4YTNh")]
    [InlineData("$md5-crypt$saltsalt$T5MN6iR8aoAeg.OHdYqBf")]
    [InlineData("$md5-crypt$saltsaltsalt$T5MN6iR8aoAeg.OHdYqBf0")]
    [InlineData("$sha256-crypt$rounds=x$saltstring$Rt6ARtrlnakHZbcazkqhyGl/GAI2vx61wZKXCZ3vm48")]
    [InlineData("$sha512-crypt$saltstring$Rt6ARtrlnakHZbcazkqhyGl/GAI2vx61wZKXCZ3vm48")]
    public void Malformed_hashes_of_a_known_format_never_verify_and_say_so(string hash)
    {
        Assert.NotNull(HashFormats.FormatName(hash));
        var error = HashFormats.ImportError(hash);
        Assert.NotNull(error);
        Assert.NotEqual(HashFormats.UnknownFormatError, error);
        Assert.Contains("malformed", error, StringComparison.Ordinal);
        Assert.False(HashFormats.Verify("123456", hash));
    }

    [Theory]
    [InlineData("$2a$16$ZsCsoVQ3xfBG/K2z2XpBf.tm90GZmtOqtqWcB5.pYd5Eq8y7RlDyq", "cost=16", "15")]
    [InlineData("$argon2id$v=19$m=1048577,t=2,p=1$bVI1aE1SaTV6SGQ3bzdXdw$fnjCcZYmEPOUOjYXsT92Cg", "m (memory in KiB)=1048577", "1048576")]
    [InlineData("$argon2i$v=19$m=65536,t=11,p=4$STVE4CQ9qQ1dK/j224VMbA$o8b+k5wdHgBqf7ES+aWG2K7Y9diQ6ahEhbW8zcstXGo", "t (iterations)=11", "10")]
    [InlineData("$argon2i$v=19$m=65536,t=3,p=17$STVE4CQ9qQ1dK/j224VMbA$o8b+k5wdHgBqf7ES+aWG2K7Y9diQ6ahEhbW8zcstXGo", "p (parallelism)=17", "16")]
    [InlineData("$pbkdf2-sha256$i=10000001,l=128$e8/arsEf4cvQihdNgqj0Nw$5xQQKNTyeTHx2Ld5/JDE7A", "i (iterations)=10000001", "10000000")]
    [InlineData("$scrypt$ln=262144,r=8,p=1$ZtQva9xCHzlSELH/mA7Kj5KjH2tCrkbwYzdxknkL0QQ=$pnTcXKaWVT+FwFDdk3vO1K0J7ZgOxdSU1tCJNYmn8zI=", "N (cost)=262144", "131072")]
    [InlineData("$scrypt$ln=16384,r=9,p=1$ZtQva9xCHzlSELH/mA7Kj5KjH2tCrkbwYzdxknkL0QQ=$pnTcXKaWVT+FwFDdk3vO1K0J7ZgOxdSU1tCJNYmn8zI=", "r (block size)=9", "8")]
    [InlineData("$scrypt$ln=16384,r=8,p=11$ZtQva9xCHzlSELH/mA7Kj5KjH2tCrkbwYzdxknkL0QQ=$pnTcXKaWVT+FwFDdk3vO1K0J7ZgOxdSU1tCJNYmn8zI=", "p (parallelism)=11", "10")]
    [InlineData("$firescrypt$ln=18,r=8,p=1$dGVzc2VyYS1zYWx0LTE2Yg==$wGnW$Bw==$AAEC", "N (cost)=262144", "131072")]
    public void Parameters_beyond_the_import_bounds_are_named_in_the_error(string hash, string parameter, string maximum)
    {
        var error = HashFormats.ImportError(hash);
        Assert.NotNull(error);
        Assert.Contains(parameter, error, StringComparison.Ordinal);
        Assert.Contains("maximum allowed is " + maximum, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bcrypt_verification_refuses_passwords_over_72_bytes_like_kratos()
    {
        var hash = new BcryptHasher(4).Hash(new string('a', 72));
        Assert.True(HashFormats.Verify(new string('a', 72), hash));
        Assert.False(HashFormats.Verify(new string('a', 73), hash));
    }

    [Fact]
    public void Passwords_are_compared_as_utf8_not_utf16()
    {
        // The stored digest is MD5 over the UTF-8 bytes; the UTF-16 bytes of the same text must not match it.
        var hash = "$md5$" + Convert.ToBase64String(System.Security.Cryptography.MD5.HashData("pässwörd"u8));
        Assert.True(HashFormats.Verify("pässwörd", hash));
        Assert.True(HashFormats.Verify("pässwörd"u8, hash));
        Assert.False(HashFormats.Verify(System.Text.Encoding.Unicode.GetBytes("pässwörd"), hash));
    }

    [Fact]
    public void Salting_pattern_substitutes_once_so_a_password_containing_a_placeholder_stays_literal()
    {
        // sha256("{SALT}" + "s") computed with python3 hashlib: password "{SALT}", salt "s", pattern "{PASSWORD}{SALT}".
        const string hash = "$sha256$pf=e1BBU1NXT1JEfXtTQUxUfQ==$cw==$FeTYJ1EdI2zBX7jLIVjP5PJnV/hjWRjYxDhJp6KhsNc=";
        Assert.True(HashFormats.Verify("{SALT}", hash));
    }
}
