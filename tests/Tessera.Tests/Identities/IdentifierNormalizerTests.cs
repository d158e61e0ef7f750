using System.Text;
using Tessera.Identities;
using Xunit;

namespace Tessera.Tests.Identities;

public sealed class IdentifierNormalizerTests
{
    [Theory]
    [InlineData("USER@Example.com", "user@example.com")]
    [InlineData("  user@example.com\t\n", "user@example.com")]
    [InlineData("ＵＳＥＲ＠ｅｘａｍｐｌｅ．ｃｏｍ", "user@example.com")] // full-width letters and signs
    [InlineData("\u3000user@example.com\u3000", "user@example.com")] // ideographic spaces fold, then trim
    [InlineData("us\u200Ber@example.com", "user@example.com")] // zero-width space
    [InlineData("us\u200Der@exa\u200Cmple.com", "user@example.com")] // zero-width joiner and non-joiner
    [InlineData("\u200Fuser@example.com\u200E", "user@example.com")] // RTL and LTR marks
    [InlineData("\u202Euser@example.com\u202C", "user@example.com")] // RTL override and pop
    [InlineData("\u2067user\u2069@example.com", "user@example.com")] // RTL isolate
    [InlineData("\uFEFFuser@example.com", "user@example.com")] // byte order mark
    [InlineData("us\u00ADer@example.com", "user@example.com")] // soft hyphen
    [InlineData("us\u2060er\u034F@example.com", "user@example.com")] // word joiner, combining grapheme joiner
    [InlineData("user\uFE0F@example.com", "user@example.com")] // variation selector
    [InlineData("us\u0000er\u007F@example.com", "user@example.com")] // C0 control and DEL
    [InlineData("JÜRGEN@Example.DE", "jürgen@example.de")]
    [InlineData("ΣΟΦΊΑ", "σοφία")] // invariant lower-casing beyond ASCII
    [InlineData("I@example.com", "i@example.com")] // no Turkish dotless i: casing is culture-invariant
    [InlineData("😀User", "😀user")] // surrogate pairs that are visible stay
    [InlineData("first last", "first last")] // inner spaces are part of the identifier
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void Text_identifiers_are_normalized(string input, string expected) =>
        Assert.Equal(expected, IdentifierNormalizer.Normalize(input));

    [Theory]
    [InlineData("+49 170 1234567", "+491701234567")]
    [InlineData("+1 (650) 253-0000", "+16502530000")]
    [InlineData("+16502530000", "+16502530000")]
    [InlineData("  +44 20 7946 0958 ", "+442079460958")]
    [InlineData("+33 6 12 34 56 78", "+33612345678")]
    [InlineData("+49-170-123.4567", "+491701234567")]
    [InlineData("＋４９ １７０ １２３４５６７", "+491701234567")] // full-width digits and plus
    [InlineData("+49\u200B170\u200E1234567", "+491701234567")] // invisible characters inside
    public void Valid_international_phone_numbers_become_e164(string input, string expected)
    {
        Assert.Equal(expected, IdentifierNormalizer.Normalize(input));
        Assert.Equal(expected, IdentifierNormalizer.ToE164(input));
        Assert.True(IdentifierNormalizer.IsValidPhone(input));
    }

    [Theory]
    [InlineData("+1 123", "+1 123")] // too short
    [InlineData("+49 123", "+49 123")] // invalid for the region
    [InlineData("+999 1234567", "+999 1234567")] // no such country code
    [InlineData("0170 1234567", "0170 1234567")] // national format: no region to parse against
    [InlineData("004917012345678", "004917012345678")] // international prefix instead of +
    [InlineData("6502530000", "6502530000")]
    [InlineData("+1 650 253 0000 ext. 12", "+1 650 253 0000 ext. 12")] // E.164 cannot carry the extension
    [InlineData("+16502530000@Example.com", "+16502530000@example.com")] // an e-mail address stays one
    [InlineData("+1-800-FLOWERS", "+1-800-flowers")] // vanity letters are not read as digits
    [InlineData("+", "+")]
    public void Values_that_are_not_valid_international_numbers_stay_text(string input, string expected)
    {
        Assert.Equal(expected, IdentifierNormalizer.Normalize(input));
        Assert.Null(IdentifierNormalizer.ToE164(input));
        Assert.False(IdentifierNormalizer.IsValidPhone(input));
    }

    [Fact]
    public void Unpaired_surrogates_are_removed()
    {
        // Not an [InlineData] case: attribute strings cannot carry an unpaired surrogate through metadata.
        Assert.Equal("user@example.com", IdentifierNormalizer.Normalize("us\uD800er@example.com\uDC00"));
    }

    [Fact]
    public void Normalization_is_idempotent()
    {
        foreach (var input in new[] { "ＵＳＥＲ＠ｅｘａｍｐｌｅ．ｃｏｍ", "+1 (650) 253-0000", "\u200FΣΟΦΊΑ ", "0170 1234567" })
        {
            var once = IdentifierNormalizer.Normalize(input);
            Assert.Equal(once, IdentifierNormalizer.Normalize(once));
        }
    }

    // Under InvariantGlobalization (set for the whole solution) .NET 10 does not normalize: string.Normalize returns its
    // input unchanged and IsNormalized answers true, without an exception. This test pins that fact: if it fails,
    // globalization was turned on and NFKC now runs, which changes the stored form of identifiers such as "ﬁ" or "①"
    // (a data migration question), and the expectations below should flip to the NFKC results.
    [Fact]
    public void Nfkc_is_a_silent_no_op_under_invariant_globalization()
    {
        Assert.True(AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant);

        Assert.Equal("\uFB01", "\uFB01".Normalize(NormalizationForm.FormKC)); // ligature fi: NFKC gives "fi"
        Assert.Equal("e\u0301", "e\u0301".Normalize(NormalizationForm.FormC)); // NFC gives U+00E9
        Assert.True("\uFF21".IsNormalized(NormalizationForm.FormKC)); // full-width A is not NFKC-normalized

        // Consequently these stay as they are; width folding is done explicitly and is not affected.
        Assert.Equal("\uFB01le@example.com", IdentifierNormalizer.Normalize("\uFB01le@example.com"));
        Assert.Equal("\u2460@example.com", IdentifierNormalizer.Normalize("\u2460@example.com"));
        Assert.Equal("caf\u00E9", IdentifierNormalizer.Normalize("CAF\u00C9"));
        Assert.NotEqual(IdentifierNormalizer.Normalize("caf\u00E9"), IdentifierNormalizer.Normalize("cafe\u0301"));
    }
}
