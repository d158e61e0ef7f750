using System.Globalization;
using System.Numerics;

namespace Tessera.Jsonnet.Output;

/// <summary>
/// Numbers as the reference C++ <c>jsonnet</c> prints them: whole numbers with all their digits ("%.0f"), others with
/// 17 significant digits ("%.17g"), so output matches the CLI byte for byte.
/// </summary>
internal static class NumberFormatter
{
    public static string Format(double value)
    {
        if (value == Math.Floor(value))
        {
            if (value == 0)
            {
                return double.IsNegative(value) ? "-0" : "0";
            }

            return Math.Abs(value) < 9e18
                ? ((long)value).ToString(CultureInfo.InvariantCulture)
                : new BigInteger(value).ToString(CultureInfo.InvariantCulture);
        }

        return General(value, 17, alternate: false);
    }

    /// <summary>C's <c>%.{precision}g</c>.</summary>
    public static string General(double value, int precision, bool alternate)
    {
        precision = Math.Max(precision, 1);
        var scientific = value.ToString("E" + (precision - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var exponentAt = scientific.IndexOf('E', StringComparison.Ordinal);
        var exponent = int.Parse(scientific.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string result;
        if (exponent < -4 || exponent >= precision)
        {
            var mantissa = scientific[..exponentAt];
            if (!alternate)
            {
                mantissa = StripZeros(mantissa);
            }

            result = mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }
        else
        {
            result = value.ToString("F" + Math.Max(precision - 1 - exponent, 0).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (!alternate)
            {
                result = StripZeros(result);
            }
        }

        return result;
    }

    static string StripZeros(string number) =>
        number.Contains('.', StringComparison.Ordinal) ? number.TrimEnd('0').TrimEnd('.') : number;
}
