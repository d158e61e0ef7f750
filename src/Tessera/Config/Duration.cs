using System.Globalization;

namespace Tessera.Config;

/// <summary>
/// Go's <c>time.ParseDuration</c> syntax, which Kratos uses for every lifespan: a sequence of decimal numbers,
/// each with a unit (<c>ns</c>, <c>us</c>/<c>µs</c>, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>), such as <c>1h30m</c>,
/// <c>1.5h</c> or <c>-300ms</c>; a bare <c>0</c> is allowed. TimeSpan counts 100 ns ticks, so finer parts are
/// truncated.
/// </summary>
internal static class Duration
{
    private const long Nanosecond = 1;
    private const long Microsecond = 1000 * Nanosecond;
    private const long Millisecond = 1000 * Microsecond;
    private const long Second = 1000 * Millisecond;
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    public static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = "";
        if (string.IsNullOrEmpty(text))
        {
            error = "invalid duration \"\": expected a number with a unit, such as 30s, 15m or 1h30m";
            return false;
        }

        if (TryParseNanoseconds(text, out var nanoseconds, out var reason))
        {
            value = TimeSpan.FromTicks(nanoseconds / (TimeSpan.NanosecondsPerTick));
            return true;
        }

        error = $"invalid duration \"{text}\": {reason}; expected numbers with units ns, us, ms, s, m or h, such as 30s, 15m or 1h30m";
        return false;
    }

    private static bool TryParseNanoseconds(string text, out long total, out string reason)
    {
        total = 0;
        reason = "";
        var s = text.AsSpan();
        var negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            return true;
        }

        if (s.IsEmpty)
        {
            reason = "no number";
            return false;
        }

        decimal sum = 0;
        while (!s.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < s.Length && (char.IsAsciiDigit(s[numberLength]) || s[numberLength] == '.'))
            {
                numberLength++;
            }

            var number = s[..numberLength];
            if (number.IsEmpty || number is "." || number.IndexOf('.') != number.LastIndexOf('.'))
            {
                reason = number.IsEmpty ? $"expected a number at \"{s}\"" : $"malformed number \"{number}\"";
                return false;
            }

            s = s[numberLength..];
            var unitLength = 0;
            while (unitLength < s.Length && !char.IsAsciiDigit(s[unitLength]) && s[unitLength] != '.')
            {
                unitLength++;
            }

            var unit = s[..unitLength];
            s = s[unitLength..];
            long scale = unit switch
            {
                "ns" => Nanosecond,
                "us" or "µs" or "μs" => Microsecond,
                "ms" => Millisecond,
                "s" => Second,
                "m" => Minute,
                "h" => Hour,
                _ => 0,
            };
            if (scale == 0)
            {
                reason = unit.IsEmpty ? $"missing unit after \"{number}\"" : $"unknown unit \"{unit}\"";
                return false;
            }

            var parsed = number is [.., '.'] ? number[..^1] : number;
            var amount = decimal.Parse(parsed.IsEmpty || parsed[0] == '.' ? $"0{parsed}" : parsed, NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture);
            sum += amount * scale;
            if (sum > long.MaxValue)
            {
                reason = "out of range (at most about 292 years)";
                return false;
            }
        }

        total = (long)decimal.Truncate(negative ? -sum : sum);
        return true;
    }
}
