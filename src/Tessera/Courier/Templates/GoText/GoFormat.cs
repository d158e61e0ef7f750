using System.Globalization;
using System.Text;

namespace Tessera.Courier.Templates.GoText;

/// <summary>
/// Go's fmt package over the template value model: %v printing, Sprint/Sprintln spacing and Sprintf with the common
/// verbs (v s q d x X o b c t e E f F g G T %) and flags (+ - # space 0, width, precision, *).
/// </summary>
internal static class GoFormat
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>How an action prints its value: a missing value is "&lt;no value&gt;", everything else is %v.</summary>
    public static string Print(object? value) => value is Missing ? "<no value>" : FormatV(value);

    public static string FormatV(object? value)
    {
        var sb = new StringBuilder();
        AppendArg(sb, value, 'v', new Flags(), depth: 0);
        return sb.ToString();
    }

    /// <summary>fmt.Sprint: operands are separated by a space when neither side is a string.</summary>
    public static string Sprint(IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        var previousString = false;
        for (var i = 0; i < args.Count; i++)
        {
            var isString = args[i] is string;
            if (i > 0 && !isString && !previousString)
            {
                sb.Append(' ');
            }

            AppendArg(sb, args[i], 'v', new Flags(), 0);
            previousString = isString;
        }

        return sb.ToString();
    }

    public static string Sprintln(IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            AppendArg(sb, args[i], 'v', new Flags(), 0);
        }

        return sb.Append('\n').ToString();
    }

    sealed class Flags
    {
        public bool Plus;
        public bool Minus;
        public bool Sharp;
        public bool Space;
        public bool Zero;
        public int? Width;
        public int? Precision;
    }

    public static string Sprintf(string format, IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        var argNum = 0;
        var i = 0;
        while (i < format.Length)
        {
            var percent = format.IndexOf('%', i);
            if (percent < 0)
            {
                sb.Append(format, i, format.Length - i);
                break;
            }

            sb.Append(format, i, percent - i);
            i = percent + 1;
            var flags = new Flags();
            for (; i < format.Length; i++)
            {
                switch (format[i])
                {
                    case '#': flags.Sharp = true; continue;
                    case '0': flags.Zero = !flags.Minus; continue;
                    case '+': flags.Plus = true; continue;
                    case '-': flags.Minus = true; flags.Zero = false; continue;
                    case ' ': flags.Space = true; continue;
                }

                break;
            }

            if (i < format.Length && format[i] == '*')
            {
                i++;
                if (argNum < args.Count && args[argNum] is long w)
                {
                    flags.Width = (int)Math.Abs(w);
                    if (w < 0)
                    {
                        flags.Minus = true;
                        flags.Zero = false;
                    }
                }
                else
                {
                    sb.Append("%!(BADWIDTH)");
                }

                argNum++;
            }
            else
            {
                flags.Width = ParseNumber(format, ref i);
            }

            if (i < format.Length && format[i] == '.')
            {
                i++;
                if (i < format.Length && format[i] == '*')
                {
                    i++;
                    if (argNum < args.Count && args[argNum] is long p && p >= 0)
                    {
                        flags.Precision = (int)p;
                    }
                    else
                    {
                        sb.Append("%!(BADPREC)");
                    }

                    argNum++;
                }
                else
                {
                    flags.Precision = ParseNumber(format, ref i) ?? 0;
                }
            }

            if (i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }

            var verbRune = Rune.GetRuneAt(format, i);
            i += verbRune.Utf16SequenceLength;
            var verb = verbRune.Value < 0x10000 ? (char)verbRune.Value : '?';
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }

            if (argNum >= args.Count)
            {
                sb.Append("%!").Append(verbRune.ToString()).Append("(MISSING)");
                continue;
            }

            AppendArg(sb, args[argNum++], verb, flags, 0);
        }

        if (argNum < args.Count)
        {
            sb.Append("%!(EXTRA ");
            for (var k = argNum; k < args.Count; k++)
            {
                if (k > argNum)
                {
                    sb.Append(", ");
                }

                if (args[k] is null or Missing)
                {
                    sb.Append("<nil>");
                }
                else
                {
                    sb.Append(GoValues.TypeName(args[k])).Append('=');
                    AppendArg(sb, args[k], 'v', new Flags(), 0);
                }
            }

            sb.Append(')');
        }

        return sb.ToString();
    }

    static int? ParseNumber(string format, ref int i)
    {
        var start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            i++;
        }

        return i > start ? int.Parse(format.AsSpan(start, i - start), Invariant) : null;
    }

    static void AppendArg(StringBuilder sb, object? arg, char verb, Flags flags, int depth)
    {
        GoValues.CheckNesting(depth);
        if (verb == 'T')
        {
            Pad(sb, arg is null or Missing ? "<nil>" : GoValues.TypeName(arg), flags);
            return;
        }

        switch (arg)
        {
            case null or Missing:
                if (verb == 'v')
                {
                    Pad(sb, "<nil>", flags);
                }
                else
                {
                    sb.Append("%!").Append(verb).Append("(<nil>)");
                }

                return;
            case bool b:
                if (verb is 'v' or 't')
                {
                    Pad(sb, b ? "true" : "false", flags);
                }
                else
                {
                    BadVerb(sb, verb, arg);
                }

                return;
            case long l:
                FormatInteger(sb, l, verb, flags, arg);
                return;
            case double d:
                FormatFloat(sb, d, verb, flags, arg);
                return;
            case string s:
                FormatString(sb, s, verb, flags, arg);
                return;
            case GoTime t:
                if (verb is 'v' or 's')
                {
                    Pad(sb, GoTimeFormat.ToGoString(t), flags);
                }
                else if (verb == 'q')
                {
                    Pad(sb, GoQuote.Quote(GoTimeFormat.ToGoString(t)), flags);
                }
                else
                {
                    BadVerb(sb, verb, arg);
                }

                return;
            case GoMap m:
                sb.Append("map[");
                var first = true;
                foreach (var key in m.SortedKeys)
                {
                    if (!first)
                    {
                        sb.Append(' ');
                    }

                    first = false;
                    AppendArg(sb, key, verb, flags, depth + 1);
                    sb.Append(':');
                    AppendArg(sb, m.Entries[key], verb, flags, depth + 1);
                }

                sb.Append(']');
                return;
            case List<object?> list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(' ');
                    }

                    AppendArg(sb, list[i], verb, flags, depth + 1);
                }

                sb.Append(']');
                return;
            case GoStruct st:
                // Kratos hands templates a pointer to its model struct, which fmt prints as &{…}.
                sb.Append(depth == 0 ? "&{" : "{");
                for (var i = 0; i < st.Fields.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(' ');
                    }

                    if (flags.Plus && verb == 'v')
                    {
                        sb.Append(st.Fields[i].Name).Append(':');
                    }

                    AppendArg(sb, st.Fields[i].Value, verb, flags, depth + 1);
                }

                sb.Append('}');
                return;
            default:
                Pad(sb, arg.ToString() ?? "", flags);
                return;
        }
    }

    static void BadVerb(StringBuilder sb, char verb, object? arg)
    {
        sb.Append("%!").Append(verb).Append('(');
        if (arg is null or Missing)
        {
            sb.Append("<nil>");
        }
        else
        {
            sb.Append(GoValues.TypeName(arg)).Append('=');
            AppendArg(sb, arg, 'v', new Flags(), 1);
        }

        sb.Append(')');
    }

    static void Pad(StringBuilder sb, string s, Flags flags, bool zeroAllowed = false)
    {
        var width = flags.Width ?? 0;
        var length = s.EnumerateRunes().Count();
        if (length >= width)
        {
            sb.Append(s);
            return;
        }

        var padding = new string(zeroAllowed && flags.Zero && !flags.Minus ? '0' : ' ', width - length);
        if (flags.Minus)
        {
            sb.Append(s).Append(padding);
        }
        else
        {
            sb.Append(padding).Append(s);
        }
    }

    static void FormatString(StringBuilder sb, string s, char verb, Flags flags, object arg)
    {
        switch (verb)
        {
            case 'v' or 's':
                if (flags.Precision is { } p)
                {
                    s = string.Concat(s.EnumerateRunes().Take(p).Select(r => r.ToString()));
                }

                Pad(sb, s, flags);
                return;
            case 'q':
                if (flags.Sharp && !s.Contains('`', StringComparison.Ordinal) && s.EnumerateRunes().All(r => r.Value != '\n' && (GoQuote.IsPrint(r) || r.Value == '\t')))
                {
                    Pad(sb, "`" + s + "`", flags);
                }
                else
                {
                    Pad(sb, GoQuote.Quote(s), flags);
                }

                return;
            case 'x' or 'X':
                var bytes = Encoding.UTF8.GetBytes(s);
                var hex = new StringBuilder();
                for (var i = 0; i < bytes.Length; i++)
                {
                    if (flags.Space && i > 0)
                    {
                        hex.Append(' ');
                    }

                    if (flags.Sharp && (flags.Space || i == 0))
                    {
                        hex.Append(verb == 'x' ? "0x" : "0X");
                    }

                    hex.Append(bytes[i].ToString(verb == 'x' ? "x2" : "X2", Invariant));
                }

                Pad(sb, hex.ToString(), flags);
                return;
            default:
                BadVerb(sb, verb, arg);
                return;
        }
    }

    static void FormatInteger(StringBuilder sb, long value, char verb, Flags flags, object arg)
    {
        switch (verb)
        {
            case 'c':
                Pad(sb, RuneString(value), flags);
                return;
            case 'q':
                Pad(sb, GoQuote.Quote(RuneString(value), '\''), flags);
                return;
            case 'U':
                var u = "U+" + value.ToString("X4", Invariant);
                if (flags.Sharp && value is >= 0 and <= 0x10FFFF && GoQuote.IsPrint(new Rune((int)value)))
                {
                    u += " '" + RuneString(value) + "'";
                }

                Pad(sb, u, flags);
                return;
            case 'v' or 'd' or 'b' or 'o' or 'O' or 'x' or 'X':
                break;
            default:
                BadVerb(sb, verb, arg);
                return;
        }

        var negative = value < 0;
        var magnitude = negative ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        var digits = verb switch
        {
            'b' => Convert.ToString((long)magnitude, 2),
            'o' or 'O' => Convert.ToString((long)magnitude, 8),
            'x' => magnitude.ToString("x", Invariant),
            'X' => magnitude.ToString("X", Invariant),
            _ => magnitude.ToString(Invariant),
        };
        if (magnitude > long.MaxValue && verb is 'b' or 'o' or 'O')
        {
            digits = verb == 'b' ? "1" + new string('0', 63) : "1" + new string('0', 21);
        }

        var precision = flags.Precision;
        if (precision is null && flags.Zero && flags.Width is { } w && !flags.Minus)
        {
            precision = w - (negative || flags.Plus || flags.Space ? 1 : 0);
            if (flags.Sharp && verb is 'x' or 'X')
            {
                precision -= 2;
            }
        }

        if (precision is { } p)
        {
            if (p == 0 && value == 0)
            {
                digits = "";
            }
            else if (digits.Length < p)
            {
                digits = new string('0', p - digits.Length) + digits;
            }
        }

        var prefix = "";
        if (flags.Sharp)
        {
            prefix = verb switch
            {
                'x' => "0x",
                'X' => "0X",
                'b' => "0b",
                'o' when !digits.StartsWith('0') => "0",
                _ => "",
            };
        }

        if (verb == 'O')
        {
            prefix = "0o";
        }

        var sign = negative ? "-" : flags.Plus ? "+" : flags.Space ? " " : "";
        var saveZero = flags.Zero;
        flags.Zero = false;
        Pad(sb, sign + prefix + digits, flags);
        flags.Zero = saveZero;
    }

    static string RuneString(long value) =>
        value is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32((int)value) : "\uFFFD";

    static void FormatFloat(StringBuilder sb, double value, char verb, Flags flags, object arg)
    {
        string num;
        switch (verb)
        {
            case 'v':
                num = GoFloat.Format(value, 'g', flags.Precision ?? -1);
                break;
            case 'g' or 'G':
                num = GoFloat.Format(value, verb, flags.Precision ?? -1);
                break;
            case 'e' or 'E' or 'f' or 'F':
                num = GoFloat.Format(value, verb, flags.Precision ?? 6);
                break;
            default:
                BadVerb(sb, verb, arg);
                return;
        }

        if (num.StartsWith('-') || num.StartsWith('+'))
        {
            // already signed
        }
        else
        {
            num = "+" + num;
        }

        if (flags.Space && num[0] == '+' && !flags.Plus)
        {
            num = " " + num[1..];
        }

        if (num[1] is 'I' or 'N')
        {
            if (num[1] == 'N' && !flags.Space && !flags.Plus)
            {
                num = num[1..];
            }

            Pad(sb, num, flags);
            return;
        }

        if (flags.Plus || num[0] != '+')
        {
            if (flags.Zero && !flags.Minus && flags.Width is { } w && w > num.Length)
            {
                sb.Append(num[0]).Append('0', w - num.Length).Append(num, 1, num.Length - 1);
                return;
            }

            Pad(sb, num, flags);
            return;
        }

        Pad(sb, num[1..], flags, zeroAllowed: true);
    }
}
