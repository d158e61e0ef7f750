using System.Globalization;

namespace Tessera.Courier.Templates.GoText;

/// <summary>
/// A number or character constant as Go's parser reads it: an untyped constant that may be usable as an int, a float
/// or both ("1.0" is both; "'a'" is the int 97). Complex constants are not supported.
/// </summary>
internal sealed class NumberLiteral
{
    NumberLiteral(string text) => Text = text;

    public string Text { get; }

    public bool IsInt { get; private set; }

    public bool IsUint { get; private set; }

    public bool IsFloat { get; private set; }

    public long Int64 { get; private set; }

    public double Float64 { get; private set; }

    public bool IsChar => Text.StartsWith('\'');

    /// <summary>The constant's value when nothing says which type is wanted (Go's idealConstant).</summary>
    public bool IsIdealFloat =>
        IsFloat && !IsHexInt && !IsChar && Text.AsSpan().IndexOfAny(".eEpP") >= 0;

    bool IsHexInt =>
        Text.Length > 2 && Text[0] == '0' && Text[1] is 'x' or 'X' && Text.AsSpan().IndexOfAny("pP") < 0;

    /// <summary>Parses the token text; the error is Go's message when the text is not a valid constant.</summary>
    public static NumberLiteral Parse(string text, bool isChar, out string? error)
    {
        error = null;
        var n = new NumberLiteral(text);
        if (isChar)
        {
            var unquoted = GoQuote.Unquote(text);
            if (unquoted is null)
            {
                error = $"malformed character constant: {text}";
                return n;
            }

            var rune = char.ConvertToUtf32(unquoted, 0);
            n.IsInt = n.IsUint = n.IsFloat = true;
            n.Int64 = rune;
            n.Float64 = rune;
            return n;
        }

        if (text.EndsWith('i'))
        {
            error = $"complex constant {text} is not supported";
            return n;
        }

        if (TryParseInteger(text, out var value, out var negative, out var overflow))
        {
            if (!negative)
            {
                n.IsUint = true;
            }

            if (!overflow)
            {
                n.IsInt = true;
                n.Int64 = negative ? -(long)value : (long)value;
                n.IsFloat = true;
                n.Float64 = n.Int64;
            }
            else if (n.IsUint)
            {
                n.IsFloat = true;
                n.Float64 = value;
            }
        }
        else
        {
            var cleaned = text.Replace("_", "", StringComparison.Ordinal);
            if (cleaned.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || cleaned.StartsWith("+0x", StringComparison.OrdinalIgnoreCase)
                || cleaned.StartsWith("-0x", StringComparison.OrdinalIgnoreCase)
                || !double.TryParse(cleaned, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) || double.IsInfinity(f))
            {
                error = $"illegal number syntax: {GoQuote.Quote(text)}";
                return n;
            }

            if (text.AsSpan().IndexOfAny(".eEpP") < 0)
            {
                error = $"integer overflow: {GoQuote.Quote(text)}";
                return n;
            }

            n.IsFloat = true;
            n.Float64 = f;
            if (f == Math.Truncate(f) && f >= long.MinValue && f < 9.2233720368547758E+18)
            {
                n.IsInt = true;
                n.Int64 = (long)f;
                if (f >= 0)
                {
                    n.IsUint = true;
                }
            }
        }

        if (!n.IsInt && !n.IsUint && !n.IsFloat)
        {
            error = $"illegal number syntax: {GoQuote.Quote(text)}";
        }

        return n;
    }

    /// <summary>strconv.ParseInt/ParseUint with base 0: 0x, 0o, 0b and leading-0 octal prefixes, underscores.</summary>
    static bool TryParseInteger(string text, out ulong value, out bool negative, out bool overflowsInt64)
    {
        value = 0;
        overflowsInt64 = false;
        var s = text;
        negative = false;
        if (s.StartsWith('+') || s.StartsWith('-'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        var radix = 10;
        if (s.Length > 1 && s[0] == '0')
        {
            switch (s[1])
            {
                case 'x' or 'X': radix = 16; s = s[2..]; break;
                case 'o' or 'O': radix = 8; s = s[2..]; break;
                case 'b' or 'B': radix = 2; s = s[2..]; break;
                default: radix = 8; s = s[1..]; break;
            }
        }

        s = s.Replace("_", "", StringComparison.Ordinal);
        if (s.Length == 0)
        {
            return text.TrimStart('+', '-') == "0";
        }

        var big = System.Numerics.BigInteger.Zero;
        foreach (var c in s)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return false;
            }

            big = (big * radix) + digit;
        }

        if (big > ulong.MaxValue)
        {
            return false;
        }

        value = (ulong)big;
        overflowsInt64 = negative ? value > 9223372036854775808UL : value > long.MaxValue;
        if (negative && value == 9223372036854775808UL)
        {
            value = 9223372036854775808UL;
        }

        return true;
    }
}
