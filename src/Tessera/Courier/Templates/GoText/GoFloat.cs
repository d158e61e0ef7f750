using System.Globalization;
using System.Text;

namespace Tessera.Courier.Templates.GoText;

/// <summary>Go's strconv float formatting ('e', 'f', 'g', shortest or with a precision), which fmt and JSON build on.</summary>
internal static class GoFloat
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>%v of a float64: shortest %g, so exponent form below 1e-4 and from 1e+06 (1000000 prints as 1e+06).</summary>
    public static string FormatV(double v) => Format(v, 'g', -1);

    /// <summary>strconv.FormatFloat(v, fmt, prec, 64) for fmt 'e', 'E', 'f', 'g', 'G'; prec -1 means shortest.</summary>
    public static string Format(double v, char fmt, int prec)
    {
        if (double.IsNaN(v))
        {
            return "NaN";
        }

        if (double.IsPositiveInfinity(v))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(v))
        {
            return "-Inf";
        }

        var negative = v < 0 || (v == 0 && double.IsNegative(v));
        var abs = Math.Abs(v);
        var body = fmt switch
        {
            'e' or 'E' => FormatE(abs, prec, fmt),
            'f' or 'F' => FormatF(abs, prec),
            _ => FormatG(abs, prec, fmt == 'G' ? 'E' : 'e'),
        };
        return negative ? "-" + body : body;
    }

    /// <summary>The shortest decimal digits that read back as <paramref name="abs"/>, and the decimal point position (value = 0.digits × 10^point).</summary>
    static (string Digits, int Point) Shortest(double abs)
    {
        if (abs == 0)
        {
            return ("0", 1);
        }

        var r = abs.ToString("R", Invariant);
        var exponent = 0;
        var e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, Invariant);
            r = r[..e];
        }

        var dot = r.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? r : r[..dot];
        var fracPart = dot < 0 ? "" : r[(dot + 1)..];
        var digits = intPart + fracPart;
        var point = intPart.Length + exponent;
        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
        }

        digits = digits[lead..];
        point -= lead;
        digits = digits.TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, point);
    }

    /// <summary>Digits rounded to <paramref name="significant"/> significant digits, from the exact binary value.</summary>
    static (string Digits, int Point) Rounded(double abs, int significant)
    {
        if (abs == 0)
        {
            return (new string('0', Math.Max(significant, 1)), 1);
        }

        // .NET's "E" format rounds the exact binary value half-to-even on the exact decimal expansion, as Go does.
        var s = abs.ToString("E" + Math.Max(significant - 1, 0).ToString(Invariant), Invariant);
        var e = s.IndexOf('E', StringComparison.Ordinal);
        var exponent = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, Invariant);
        var digits = s[..e].Replace(".", "", StringComparison.Ordinal);
        return (digits, exponent + 1);
    }

    static string FormatE(double abs, int prec, char e)
    {
        var (digits, point) = prec < 0 ? Shortest(abs) : Rounded(abs, prec + 1);
        var sb = new StringBuilder();
        sb.Append(digits[0]);
        var rest = digits[1..];
        if (prec < 0)
        {
            if (rest.Length > 0)
            {
                sb.Append('.').Append(rest);
            }
        }
        else if (prec > 0)
        {
            sb.Append('.').Append(rest.PadRight(prec, '0'));
        }

        var exp = abs == 0 ? 0 : point - 1;
        sb.Append(e).Append(exp < 0 ? '-' : '+');
        var expAbs = Math.Abs(exp);
        sb.Append(expAbs < 10 ? "0" + expAbs.ToString(Invariant) : expAbs.ToString(Invariant));
        return sb.ToString();
    }

    static string FormatF(double abs, int prec)
    {
        if (prec < 0)
        {
            var (digits, point) = Shortest(abs);
            return FixedFromDigits(digits, point, Math.Max(digits.Length - point, 0));
        }

        return abs.ToString("F" + prec.ToString(Invariant), Invariant);
    }

    static string FixedFromDigits(string digits, int point, int fractionDigits)
    {
        var sb = new StringBuilder();
        if (point <= 0)
        {
            sb.Append('0');
        }
        else
        {
            for (var i = 0; i < point; i++)
            {
                sb.Append(i < digits.Length ? digits[i] : '0');
            }
        }

        if (fractionDigits > 0)
        {
            sb.Append('.');
            for (var i = point; i < point + fractionDigits; i++)
            {
                sb.Append(i >= 0 && i < digits.Length ? digits[i] : '0');
            }
        }

        return sb.ToString();
    }

    static string FormatG(double abs, int prec, char e)
    {
        var shortest = prec < 0;
        if (prec == 0)
        {
            prec = 1;
        }

        var (digits, point) = shortest ? Shortest(abs) : Rounded(abs, prec);
        if (!shortest)
        {
            digits = digits.TrimEnd('0');
            if (digits.Length == 0)
            {
                digits = "0";
            }
        }

        // strconv: %e when the exponent is below -4 or at least the precision; the shortest form decides with 6.
        var eprec = shortest ? 6 : prec;
        if (!shortest && eprec > digits.Length && digits.Length >= point)
        {
            eprec = digits.Length;
        }

        var exp = abs == 0 ? 0 : point - 1;
        if (exp < -4 || exp >= eprec)
        {
            var sb = new StringBuilder();
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits.AsSpan(1));
            }

            sb.Append(e).Append(exp < 0 ? '-' : '+');
            var expAbs = Math.Abs(exp);
            sb.Append(expAbs < 10 ? "0" + expAbs.ToString(Invariant) : expAbs.ToString(Invariant));
            return sb.ToString();
        }

        return FixedFromDigits(digits, point, Math.Max(digits.Length - point, 0));
    }

    /// <summary>encoding/json's float64: like JavaScript, exponent form only below 1e-6 or from 1e21, and "e-7" not "e-07".</summary>
    public static string FormatJson(double v)
    {
        var abs = Math.Abs(v);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            var s = Format(v, 'e', -1);
            var n = s.Length;
            if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0')
            {
                s = s[..(n - 2)] + s[n - 1];
            }

            return s;
        }

        return Format(v, 'f', -1);
    }
}
