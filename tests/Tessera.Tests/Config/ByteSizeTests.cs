using Tessera.Config;
using Xunit;

namespace Tessera.Tests.Config;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("0B", 0L)]
    [InlineData("512B", 512L)]
    [InlineData("1KB", 1024L)]
    [InlineData("128MB", 128L * 1024 * 1024)]
    [InlineData("1GB", 1024L * 1024 * 1024)]
    [InlineData("2TB", 2L << 40)]
    [InlineData("1PB", 1L << 50)]
    [InlineData("7EB", 7L << 60)]
    public void Sizes_parse_in_powers_of_1024(string text, long bytes)
    {
        Assert.Equal(bytes, ByteSize.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("128")]
    [InlineData("MB")]
    [InlineData("128mb")]
    [InlineData("512KiB")]
    [InlineData("1.5GB")]
    [InlineData("128 MB")]
    [InlineData("-1KB")]
    [InlineData("128MBs")]
    public void Malformed_sizes_are_refused_with_the_accepted_form(string text)
    {
        var error = Assert.Throws<FormatException>(() => ByteSize.Parse(text));

        Assert.Contains($"invalid byte size \"{text}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("B, KB, MB, GB, TB, PB, EB", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8EB")]
    [InlineData("99999999999999999999B")]
    public void Sizes_beyond_a_long_are_refused(string text)
    {
        var error = Assert.Throws<FormatException>(() => ByteSize.Parse(text));

        Assert.Contains("too large", error.Message, StringComparison.Ordinal);
    }
}
