using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Config;
using Tessera.Hashing;
using Tessera.Hosting;
using Tessera.Strategies.Password;
using Xunit;

namespace Tessera.Tests.Strategies.Password;

public sealed class PasswordPolicyTests
{
    static readonly PasswordPolicyOptions Offline = new() { HaveIBeenPwnedEnabled = false };

    static PasswordPolicy Policy(PasswordPolicyOptions options, bool bcrypt = true) =>
        new(options, bcrypt, new BreachedPasswords(options.RangeBaseUri, TimeProvider.System, NullLogger<BreachedPasswords>.Instance),
            NullLogger<PasswordPolicy>.Instance);

    static async Task<PasswordPolicyViolation.Rejected?> RejectionAsync(PasswordPolicy policy, string password, params string[] identifiers) =>
        (PasswordPolicyViolation.Rejected?)await policy.CheckAsync(password, identifiers, CancellationToken.None);

    [Theory]
    [InlineData("1234567", 8, 7)]
    [InlineData("ab", 8, 2)]
    [InlineData("", 8, 0)]
    [InlineData("äöü", 8, 6)]          // three characters, six bytes
    [InlineData("日本語", 10, 9)]        // three characters, nine bytes
    [InlineData("abcdefghi", 10, 9)]
    public async Task Too_short_in_utf8_bytes_is_4000032_with_min_and_actual_length(string password, int min, int actual)
    {
        var rejected = await RejectionAsync(Policy(Offline with { MinPasswordLength = min }), password);

        Assert.NotNull(rejected);
        Assert.Equal(4000032, rejected.Id);
        Assert.Equal($"The password must be at least {min} characters long, but got {actual}.", rejected.Text);
        Assert.Equal(
            $$$"""{"id":4000032,"text":"The password must be at least {{{min}}} characters long, but got {{{actual}}}.","type":"error","context":{"min_length":{{{min}}},"actual_length":{{{actual}}}}}""",
            rejected.ToUiMessage().ToJsonString());
    }

    [Theory]
    [InlineData("12345678", 8)]
    [InlineData("äöüä", 8)]              // four characters, eight bytes
    [InlineData("日本語", 9)]
    [InlineData("🔑🔑", 8)]             // two characters outside the BMP, four bytes each
    public async Task Exactly_the_minimum_in_utf8_bytes_passes(string password, int min) =>
        Assert.Null(await Policy(Offline with { MinPasswordLength = min }).CheckAsync(password, [], CancellationToken.None));

    [Theory]
    [InlineData(72, true, null)]
    [InlineData(73, true, 73)]
    [InlineData(200, true, 200)]
    [InlineData(73, false, null)]
    [InlineData(200, false, null)]
    public async Task Bcrypt_refuses_more_than_72_bytes_with_4000033(int bytes, bool bcrypt, int? refusedWith)
    {
        var password = new string('x', bytes - 1) + "!";
        var result = await Policy(Offline, bcrypt).CheckAsync(password, [], CancellationToken.None);

        if (refusedWith is null)
        {
            Assert.Null(result);
            return;
        }

        var rejected = Assert.IsType<PasswordPolicyViolation.Rejected>(result);
        Assert.Equal(4000033, rejected.Id);
        Assert.Equal($"The password must be at most 72 characters long, but got {refusedWith}.", rejected.Text);
        Assert.Equal($$$"""{"max_length":72,"actual_length":{{{refusedWith}}}}""", rejected.Context!.ToJsonString());
    }

    [Fact]
    public async Task Bcrypt_counts_bytes_not_characters()
    {
        var password = new string('ä', 37); // 37 characters, 74 bytes
        var rejected = await RejectionAsync(Policy(Offline), password);
        Assert.Equal("The password must be at most 72 characters long, but got 74.", rejected!.Text);
    }

    [Fact]
    public async Task The_hasher_decides_whether_the_bcrypt_limit_applies()
    {
        var breaches = new BreachedPasswords(Offline.RangeBaseUri, TimeProvider.System, NullLogger<BreachedPasswords>.Instance);
        var longPassword = new string('k', 80) + "Q!";

        var bcrypt = new PasswordPolicy(Offline, new BcryptHasher(4), breaches, NullLogger<PasswordPolicy>.Instance);
        var argon2 = new PasswordPolicy(Offline, new Argon2Hasher(new Argon2Options()), breaches, NullLogger<PasswordPolicy>.Instance);

        Assert.IsType<PasswordPolicyViolation.Rejected>(await bcrypt.CheckAsync(longPassword, [], CancellationToken.None));
        Assert.Null(await argon2.CheckAsync(longPassword, [], CancellationToken.None));
    }

    [Theory]
    [InlineData("ada@example.com", "ada@example.com", true)]        // identical
    [InlineData("ada@example.com", "ada@example.com1", true)]       // distance 1
    [InlineData("ada@example.com", "ADA@EXAMPLE.COM", true)]        // case is ignored
    [InlineData("ada@example.com", "adaexample", true)]             // distance 5, but "example" is 7 of 10
    [InlineData("ada@example.com", "example.com!!", true)]          // "example.com" is 11 of 13
    [InlineData("ada@example.com", "ada@examp", true)]              // distance 6, common run 9 of 9
    [InlineData("ada", "ada12", true)]                              // distance 2
    [InlineData("ada@example.com", "correct horse battery", false)] // unrelated
    [InlineData("ada@example.com", "Tr0ub4dor&3xyz", false)]
    [InlineData("ada@example.com", "ada-has-a-long-passphrase", false)] // "ada" is 3 of 25
    [InlineData("ada", "ada12345", false)]                          // distance 5 and "ada" is 3 of 8
    [InlineData("ada", "xxada123", false)]
    [InlineData("björn@example.com", "BJÖRN@example.com", true)]    // non-ASCII lower-cased too
    [InlineData("", "anything-at-all", false)]                      // empty identifiers are not compared
    public void Identifier_similarity(string identifier, string password, bool tooSimilar) =>
        Assert.Equal(tooSimilar, PasswordPolicy.IsTooSimilar(identifier, password));

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "abc", 0)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("日本語", "日本", 1)]
    public void Levenshtein_counts_edits_of_characters(string a, string b, int distance) =>
        Assert.Equal(distance, PasswordPolicy.Levenshtein(Runes(a), Runes(b)));

    [Theory]
    [InlineData("ada@example.com", "adaexample", 7)]
    [InlineData("abc", "xyz", 0)]
    [InlineData("xabcdy", "zzabcdzz", 4)]
    [InlineData("", "abc", 0)]
    public void Longest_common_substring(string a, string b, int length) =>
        Assert.Equal(length, PasswordPolicy.LongestCommonSubstring(Runes(a), Runes(b)));

    [Fact]
    public async Task Similar_passwords_are_4000031_without_context()
    {
        var rejected = await RejectionAsync(Policy(Offline), "ada@example.com1", "someone-else", "ada@example.com");

        Assert.NotNull(rejected);
        Assert.Equal(4000031, rejected.Id);
        Assert.Equal(
            """{"id":4000031,"text":"The password can not be used because it is too similar to the identifier.","type":"error"}""",
            rejected.ToUiMessage().ToJsonString());
    }

    [Fact]
    public async Task Identifiers_longer_than_256_characters_are_not_compared()
    {
        var identifier = new string('a', 257);
        var policy = Policy(Offline, bcrypt: false);
        Assert.Null(await policy.CheckAsync(identifier, [identifier], CancellationToken.None));
        Assert.NotNull(await policy.CheckAsync(identifier[..256], [identifier[..256]], CancellationToken.None));
    }

    [Fact]
    public async Task Similarity_check_can_be_disabled() =>
        Assert.Null(await Policy(Offline with { IdentifierSimilarityCheckEnabled = false })
            .CheckAsync("ada@example.com", ["ada@example.com"], CancellationToken.None));

    [Fact]
    public async Task Length_is_checked_before_similarity()
    {
        var rejected = await RejectionAsync(Policy(Offline), "ada", "ada");
        Assert.Equal(4000032, rejected!.Id);
    }

    [Fact]
    public void Other_messages_carry_kratos_text()
    {
        Assert.Equal(
            """{"id":4000039,"text":"The new password must be different from the old password.","type":"error"}""",
            PasswordPolicyViolation.SameAsCurrent().ToUiMessage().ToJsonString());
        Assert.Equal(
            """{"id":4000005,"text":"The password can not be used because it is bad.","type":"error","context":{"reason":"it is bad"}}""",
            PasswordPolicyViolation.Other("it is bad").ToUiMessage().ToJsonString());
        Assert.Equal(
            """{"id":4000034,"text":"The password has been found in data breaches and must no longer be used.","type":"error","context":{"breaches":12}}""",
            PasswordPolicyViolation.TooManyBreaches(12).ToUiMessage().ToJsonString());
    }

    [Fact]
    public void Options_default_to_kratos_values()
    {
        var options = PasswordPolicyOptions.From(Config(null));

        Assert.Equal(8, options.MinPasswordLength);
        Assert.True(options.IdentifierSimilarityCheckEnabled);
        Assert.True(options.HaveIBeenPwnedEnabled);
        Assert.Equal("api.pwnedpasswords.com", options.HaveIBeenPwnedHost);
        Assert.Equal(0, options.MaxBreaches);
        Assert.True(options.IgnoreNetworkErrors);
        Assert.Equal("https://api.pwnedpasswords.com/range/", options.RangeBaseUri.ToString());
    }

    [Fact]
    public void Options_bind_from_selfservice_methods_password_config()
    {
        var options = PasswordPolicyOptions.From(Config(new JsonObject
        {
            ["min_password_length"] = 12,
            ["identifier_similarity_check_enabled"] = false,
            ["haveibeenpwned_enabled"] = false,
            ["haveibeenpwned_host"] = "hibp.internal:8443",
            ["max_breaches"] = 5,
            ["ignore_network_errors"] = false,
        }));

        Assert.Equal(12, options.MinPasswordLength);
        Assert.False(options.IdentifierSimilarityCheckEnabled);
        Assert.False(options.HaveIBeenPwnedEnabled);
        Assert.Equal(5, options.MaxBreaches);
        Assert.False(options.IgnoreNetworkErrors);
        Assert.Equal("https://hibp.internal:8443/range/", options.RangeBaseUri.ToString());
    }

    [Theory]
    [InlineData("api.pwnedpasswords.com", "https://api.pwnedpasswords.com/range/")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/range/")]
    [InlineData("https://mirror.example/hibp/", "https://mirror.example/hibp/range/")]
    [InlineData("http://mirror.example/hibp", "http://mirror.example/hibp/range/")]
    public void Host_becomes_the_range_base(string host, string expected) =>
        Assert.Equal(expected, new PasswordPolicyOptions { HaveIBeenPwnedHost = host }.RangeBaseUri.ToString());

    [Theory]
    [InlineData("")]
    [InlineData("ftp://mirror.example")]
    [InlineData("not a host")]
    public void A_bad_host_fails_at_start_up_naming_the_key(string host)
    {
        var e = Assert.Throws<StartupException>(() =>
            PasswordPolicyOptions.From(new JsonObject { ["haveibeenpwned_host"] = host }));
        Assert.StartsWith("selfservice.methods.password.config.haveibeenpwned_host:", e.Message, StringComparison.Ordinal);
    }

    static TesseraConfig Config(JsonObject? passwordConfig)
    {
        var root = new JsonObject();
        if (passwordConfig is not null)
        {
            root["selfservice"] = new JsonObject
            {
                ["methods"] = new JsonObject { ["password"] = new JsonObject { ["enabled"] = true, ["config"] = passwordConfig } },
            };
        }

        return new TesseraConfig(root, null, devFlag: false);
    }

    static int[] Runes(string s) => s.EnumerateRunes().Select(r => r.Value).ToArray();
}
