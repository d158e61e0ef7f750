using System.Globalization;
using System.Text;
using Tessera.Jsonnet.Evaluation;
using Tessera.Jsonnet.Output;

namespace Tessera.Jsonnet.Std;

/// <summary>
/// <c>std.format</c> and <c>str % vals</c>: Python-style conversions (<c>%(key)-08.3f</c>) over an array of values, a
/// single value, or an object of named values. Output follows the reference implementation, including its <c>%g</c>.
/// </summary>
internal static class StringFormatter
{
    /// <summary>Widest field or longest precision accepted, so a format cannot ask for gigabytes of padding.</summary>
    const int MaxWidth = 10_000;

    sealed record Spec(string? Key, string Flags, int? Width, bool WidthFromValue, int? Precision, bool PrecisionFromValue, char Conversion);

    public static string Format(Evaluator evaluator, string format, Value values)
    {
        var positional = values switch
        {
            ArrayValue array => array.Items,
            ObjectValue => null,
            _ => [values],
        };
        var named = values as ObjectValue;
        var output = new StringBuilder();
        var used = 0;
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            if (c != '%')
            {
                output.Append(c);
                i++;
                continue;
            }

            var spec = Parse(format, ref i);
            if (spec.Conversion == '%')
            {
                output.Append('%');
                continue;
            }

            int? width = spec.Width, precision = spec.Precision;
            if (spec.WidthFromValue)
            {
                width = (int)Math.Clamp(RequireNumber(Next(positional, ref used), used - 1), int.MinValue + 1, int.MaxValue);
            }

            if (spec.PrecisionFromValue)
            {
                precision = (int)Math.Clamp(RequireNumber(Next(positional, ref used), used - 1), int.MinValue, int.MaxValue);
            }

            Value value;
            if (named is not null)
            {
                if (spec.Key is null)
                {
                    throw JsonnetException.Runtime("Mapping keys required.", null);
                }

                value = named.TryGet(spec.Key) ?? throw JsonnetException.Runtime($"No such field: {spec.Key}", null);
            }
            else
            {
                value = Next(positional, ref used);
            }

            if (Math.Abs((long)(width ?? 0)) > MaxWidth || precision > MaxWidth)
            {
                throw JsonnetException.Runtime($"format width and precision may not exceed {MaxWidth}", null);
            }

            evaluator.Step();
            // As in Python, a negative width from "*" means left-justified; a negative precision counts as none.
            var flags = width < 0 ? spec with { Flags = spec.Flags + "-" } : spec;
            output.Append(Convert(flags, Math.Abs(width ?? 0), precision < 0 ? null : precision, value, used - 1));
        }

        if (positional is not null && used < positional.Length)
        {
            throw JsonnetException.Runtime($"Too many values to format: {positional.Length}, expected {used}", null);
        }

        return output.ToString();
    }

    static Value Next(Thunk[]? positional, ref int used)
    {
        if (positional is null || used >= positional.Length)
        {
            throw JsonnetException.Runtime($"Not enough values to format: {positional?.Length ?? 0}, expected more than {used}", null);
        }

        return positional[used++].Force();
    }

    static Spec Parse(string format, ref int i)
    {
        i++;
        string? key = null;
        if (i < format.Length && format[i] == '(')
        {
            var close = format.IndexOf(')', i);
            if (close < 0)
            {
                throw JsonnetException.Runtime("Truncated format code: a mapping key has no closing parenthesis", null);
            }

            key = format[(i + 1)..close];
            i = close + 1;
        }

        var flagsStart = i;
        while (i < format.Length && format[i] is '#' or '0' or '-' or ' ' or '+')
        {
            i++;
        }

        var flags = format[flagsStart..i];
        var (width, widthFromValue) = ReadNumber(format, ref i);
        int? precision = null;
        var precisionFromValue = false;
        if (i < format.Length && format[i] == '.')
        {
            i++;
            (precision, precisionFromValue) = ReadNumber(format, ref i);
            precision ??= precisionFromValue ? null : 0;
        }

        while (i < format.Length && format[i] is 'h' or 'l' or 'L')
        {
            i++;
        }

        if (i >= format.Length)
        {
            throw JsonnetException.Runtime("Truncated format code", null);
        }

        return new Spec(key, flags, width, widthFromValue, precision, precisionFromValue, format[i++]);
    }

    static (int?, bool) ReadNumber(string format, ref int i)
    {
        if (i < format.Length && format[i] == '*')
        {
            i++;
            return (null, true);
        }

        var start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            i++;
        }

        return i == start ? (null, false) : (int.Parse(format.AsSpan(start, i - start), CultureInfo.InvariantCulture), false);
    }

    static double RequireNumber(Value value, int index) => value is NumberValue n
        ? n.Value
        : throw JsonnetException.Runtime($"Format required number at {index}, got {value.TypeName}", null);

    static string Convert(Spec spec, int width, int? precision, Value value, int index)
    {
        var flags = spec.Flags;
        var left = flags.Contains('-', StringComparison.Ordinal);
        var zero = flags.Contains('0', StringComparison.Ordinal) && !left;
        var alternate = flags.Contains('#', StringComparison.Ordinal);
        var sign = flags.Contains('+', StringComparison.Ordinal) ? "+" : flags.Contains(' ', StringComparison.Ordinal) ? " " : "";
        switch (spec.Conversion)
        {
            case 's':
                return Pad(JsonWriter.ToText(value), width, left);
            case 'c':
            {
                var text = value switch
                {
                    NumberValue { Value: >= 0 and <= 0x10FFFF } n when n.Value is < 0xD800 or > 0xDFFF => CodePoints.FromCodePoint((int)n.Value),
                    StringValue s when CodePoints.IsSingle(s.Value) => s.Value,
                    _ => throw JsonnetException.Runtime($"%c expected a number or a one-character string, got {value.TypeName}", null),
                };
                return Pad(text, width, left);
            }

            case 'd' or 'i' or 'u' or 'o' or 'x' or 'X':
            {
                var number = Math.Truncate(RequireNumber(value, index));
                var magnitude = Math.Abs(number);
                var digits = spec.Conversion switch
                {
                    'o' => ToRadix(magnitude, 8, false),
                    'x' => ToRadix(magnitude, 16, false),
                    'X' => ToRadix(magnitude, 16, true),
                    _ => NumberFormatter.Format(magnitude),
                };
                digits = digits.PadLeft(precision ?? 0, '0');
                var prefix = !alternate ? "" : spec.Conversion switch
                {
                    'o' when !digits.StartsWith('0') => "0",
                    'x' => "0x",
                    'X' => "0X",
                    _ => "",
                };
                return PadNumber(number < 0 ? "-" : sign, prefix + digits, width, zero, left);
            }

            case 'f' or 'F' or 'e' or 'E' or 'g' or 'G':
            {
                var number = RequireNumber(value, index);
                var body = Real(Math.Abs(number), spec.Conversion, precision ?? 6, alternate);
                return PadNumber(number < 0 || double.IsNegative(number) && number == 0 ? "-" : sign, body, width, zero, left);
            }

            default:
                throw JsonnetException.Runtime($"Unrecognised conversion type: {spec.Conversion}", null);
        }
    }

    static string Real(double magnitude, char conversion, int precision, bool alternate)
    {
        switch (conversion)
        {
            case 'f' or 'F':
            {
                var text = Fixed(magnitude, precision);
                return alternate && precision == 0 ? text + "." : text;
            }

            case 'e' or 'E':
                return Exponential(magnitude, precision, alternate, conversion == 'E');
            default:
            {
                // The reference computes the exponent as floor(log(x) / log(10)) and gives the digits after the point
                // as precision minus the digits before it; this keeps its output (e.g. "%g" of 1e6 is "1000000").
                precision = Math.Max(precision, 1);
                var exponent = magnitude == 0 ? 0 : (int)Math.Floor(Math.Log(magnitude) / Math.Log(10));
                string text;
                if (exponent < -4 || exponent >= precision)
                {
                    text = Exponential(magnitude, precision - 1, alternate, conversion == 'G');
                    if (!alternate)
                    {
                        var e = text.IndexOfAny(['e', 'E']);
                        text = StripZeros(text[..e]) + text[e..];
                    }
                }
                else
                {
                    text = Fixed(magnitude, precision - Math.Max(1, exponent + 1));
                    if (!alternate)
                    {
                        text = StripZeros(text);
                    }
                }

                return text;
            }
        }
    }

    /// <summary>Fixed-point with halves rounded up, as the reference does (floor(x * 10^p + 0.5)); .NET would round half to even.</summary>
    static string Fixed(double magnitude, int precision)
    {
        var scale = Math.Pow(10, precision);
        var scaled = Math.Floor((magnitude * scale) + 0.5);
        if (precision > 15 || scaled >= 9007199254740992)
        {
            return magnitude.ToString("F" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        var digits = ((long)scaled).ToString(CultureInfo.InvariantCulture).PadLeft(precision + 1, '0');
        return precision == 0 ? digits : digits[..^precision] + "." + digits[^precision..];
    }

    static string Exponential(double magnitude, int precision, bool alternate, bool upper)
    {
        var text = magnitude.ToString("E" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var at = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = int.Parse(text.AsSpan(at + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = text[..at];
        if (alternate && precision == 0)
        {
            mantissa += ".";
        }

        return mantissa + (upper ? "E" : "e") + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    static string StripZeros(string number) => number.Contains('.', StringComparison.Ordinal) ? number.TrimEnd('0').TrimEnd('.') : number;

    static string ToRadix(double magnitude, int radix, bool upper)
    {
        if (magnitude == 0)
        {
            return "0";
        }

        var digits = new StringBuilder();
        var value = new System.Numerics.BigInteger(magnitude);
        while (value > 0)
        {
            var digit = (int)(value % radix);
            digits.Insert(0, (upper ? "0123456789ABCDEF" : "0123456789abcdef")[digit]);
            value /= radix;
        }

        return digits.ToString();
    }

    static string Pad(string text, int width, bool left) => left ? text.PadRight(width) : text.PadLeft(width);

    static string PadNumber(string sign, string body, int width, bool zero, bool left) =>
        zero ? sign + body.PadLeft(Math.Max(width - sign.Length, 0), '0') : Pad(sign + body, width, left);
}
