using Tessera.Config;
using Xunit;

namespace Tessera.Tests.Config;

public sealed class DurationTests
{
    [Theory]
    [InlineData("1h", 3_600_000_000_000L)]
    [InlineData("15m", 900_000_000_000L)]
    [InlineData("30s", 30_000_000_000L)]
    [InlineData("1h30m", 5_400_000_000_000L)]
    [InlineData("500ms", 500_000_000L)]
    [InlineData("1.5h", 5_400_000_000_000L)]
    [InlineData(".5s", 500_000_000L)]
    [InlineData("1.s", 1_000_000_000L)]
    [InlineData("300us", 300_000L)]
    [InlineData("300µs", 300_000L)]
    [InlineData("300μs", 300_000L)]
    [InlineData("1500ns", 1_500L)]
    [InlineData("150ns", 100L)]
    [InlineData("0", 0L)]
    [InlineData("0s", 0L)]
    [InlineData("-1m", -60_000_000_000L)]
    [InlineData("+2s", 2_000_000_000L)]
    [InlineData("2h45m30.5s", 9_930_500_000_000L)]
    public void Go_durations_parse(string text, long nanoseconds)
    {
        Assert.Equal(TimeSpan.FromTicks(nanoseconds / 100), Duration.Parse(text));
    }

    [Theory]
    [InlineData("", "invalid duration \"\"")]
    [InlineData("1", "missing unit after \"1\"")]
    [InlineData("10", "missing unit after \"10\"")]
    [InlineData("1d", "unknown unit \"d\"")]
    [InlineData("1 h", "unknown unit \" h\"")]
    [InlineData("h", "expected a number at \"h\"")]
    [InlineData(".s", "malformed number \".\"")]
    [InlineData("1.2.3s", "malformed number \"1.2.3\"")]
    [InlineData("-", "no number")]
    [InlineData("3000000h", "out of range")]
    public void Malformed_durations_are_refused_with_the_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => Duration.Parse(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(Duration.TryParse(text, out _, out var message));
        Assert.Equal(error.Message, message);
    }
}
