using System.Globalization;
using System.Text;

namespace Tessera.Courier.Templates.GoText;

/// <summary>
/// Go's reference-time layouts ("2006-01-02 15:04:05 -0700 MST", "Jan _2", ".000"…): formatting as time.Format does,
/// and parsing as time.Parse does for the same elements.
/// </summary>
internal static class GoTimeFormat
{
    static readonly string[] LongMonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    static readonly string[] LongDayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    enum Std
    {
        None,
        LongMonth,
        Month,
        NumMonth,
        ZeroMonth,
        LongWeekDay,
        WeekDay,
        Day,
        UnderDay,
        ZeroDay,
        UnderYearDay,
        ZeroYearDay,
        Hour,
        Hour12,
        ZeroHour12,
        Minute,
        ZeroMinute,
        Second,
        ZeroSecond,
        LongYear,
        Year,
        PM,
        Pm,
        TZ,
        Iso8601TZ,
        Iso8601SecondsTZ,
        Iso8601ShortTZ,
        Iso8601ColonTZ,
        Iso8601ColonSecondsTZ,
        NumTZ,
        NumSecondsTZ,
        NumShortTZ,
        NumColonTZ,
        NumColonSecondsTZ,
        FracSecond0,
        FracSecond9,
    }

    readonly record struct Chunk(string Prefix, Std Std, string Suffix, int FracDigits, char FracSeparator);

    /// <summary>time.Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST".</summary>
    public static string ToGoString(GoTime t) => Format(t, "2006-01-02 15:04:05.999999999 -0700 MST");

    static bool StartsWithLower(string s, int at) => at < s.Length && s[at] is >= 'a' and <= 'z';

    static bool IsDigitAt(string s, int at) => at < s.Length && char.IsAsciiDigit(s[at]);

    static Chunk NextChunk(string layout)
    {
        for (var i = 0; i < layout.Length; i++)
        {
            var rest = layout.AsSpan(i);
            Chunk Make(Std std, int length) => new(layout[..i], std, layout[(i + length)..], 0, '.');
            switch (layout[i])
            {
                case 'J':
                    if (rest.StartsWith("January"))
                    {
                        return Make(Std.LongMonth, 7);
                    }

                    if (rest.StartsWith("Jan") && !StartsWithLower(layout, i + 3))
                    {
                        return Make(Std.Month, 3);
                    }

                    break;
                case 'M':
                    if (rest.StartsWith("Monday"))
                    {
                        return Make(Std.LongWeekDay, 6);
                    }

                    if (rest.StartsWith("Mon") && !StartsWithLower(layout, i + 3))
                    {
                        return Make(Std.WeekDay, 3);
                    }

                    if (rest.StartsWith("MST"))
                    {
                        return Make(Std.TZ, 3);
                    }

                    break;
                case '0':
                    if (rest.Length >= 2 && rest[1] is >= '1' and <= '6')
                    {
                        Std[] zeroes = [Std.ZeroMonth, Std.ZeroDay, Std.ZeroHour12, Std.ZeroMinute, Std.ZeroSecond, Std.Year];
                        return Make(zeroes[rest[1] - '1'], 2);
                    }

                    if (rest.StartsWith("002"))
                    {
                        return Make(Std.ZeroYearDay, 3);
                    }

                    break;
                case '1':
                    return rest.StartsWith("15") ? Make(Std.Hour, 2) : Make(Std.NumMonth, 1);
                case '2':
                    return rest.StartsWith("2006") ? Make(Std.LongYear, 4) : Make(Std.Day, 1);
                case '_':
                    if (rest.StartsWith("_2"))
                    {
                        if (rest.StartsWith("_2006"))
                        {
                            // "_2006" is a literal underscore and a year.
                            return new Chunk(layout[..(i + 1)], Std.LongYear, layout[(i + 5)..], 0, '.');
                        }

                        return Make(Std.UnderDay, 2);
                    }

                    if (rest.StartsWith("__2"))
                    {
                        return Make(Std.UnderYearDay, 3);
                    }

                    break;
                case '3':
                    return Make(Std.Hour12, 1);
                case '4':
                    return Make(Std.Minute, 1);
                case '5':
                    return Make(Std.Second, 1);
                case 'P':
                    if (rest.StartsWith("PM"))
                    {
                        return Make(Std.PM, 2);
                    }

                    break;
                case 'p':
                    if (rest.StartsWith("pm"))
                    {
                        return Make(Std.Pm, 2);
                    }

                    break;
                case '-':
                    if (rest.StartsWith("-070000")) { return Make(Std.NumSecondsTZ, 7); }
                    if (rest.StartsWith("-07:00:00")) { return Make(Std.NumColonSecondsTZ, 9); }
                    if (rest.StartsWith("-0700")) { return Make(Std.NumTZ, 5); }
                    if (rest.StartsWith("-07:00")) { return Make(Std.NumColonTZ, 6); }
                    if (rest.StartsWith("-07")) { return Make(Std.NumShortTZ, 3); }
                    break;
                case 'Z':
                    if (rest.StartsWith("Z070000")) { return Make(Std.Iso8601SecondsTZ, 7); }
                    if (rest.StartsWith("Z07:00:00")) { return Make(Std.Iso8601ColonSecondsTZ, 9); }
                    if (rest.StartsWith("Z0700")) { return Make(Std.Iso8601TZ, 5); }
                    if (rest.StartsWith("Z07:00")) { return Make(Std.Iso8601ColonTZ, 6); }
                    if (rest.StartsWith("Z07")) { return Make(Std.Iso8601ShortTZ, 3); }
                    break;
                case '.' or ',':
                    if (rest.Length > 1 && rest[1] is '0' or '9')
                    {
                        var digit = rest[1];
                        var j = i + 1;
                        while (j < layout.Length && layout[j] == digit)
                        {
                            j++;
                        }

                        if (!IsDigitAt(layout, j))
                        {
                            return new Chunk(layout[..i], digit == '0' ? Std.FracSecond0 : Std.FracSecond9, layout[j..], j - (i + 1), layout[i]);
                        }
                    }

                    break;
            }
        }

        return new Chunk(layout, Std.None, "", 0, '.');
    }

    static void AppendInt(StringBuilder sb, int value, int width)
    {
        if (value < 0)
        {
            sb.Append('-');
            value = -value;
        }

        sb.Append(value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
    }

    public static string Format(GoTime time, string layout)
    {
        var t = time.Instant;
        var offsetSeconds = (int)t.Offset.TotalSeconds;
        var sb = new StringBuilder();
        var rest = layout;
        while (rest.Length > 0)
        {
            var chunk = NextChunk(rest);
            sb.Append(chunk.Prefix);
            if (chunk.Std == Std.None)
            {
                break;
            }

            rest = chunk.Suffix;
            switch (chunk.Std)
            {
                case Std.LongYear: AppendInt(sb, t.Year, 4); break;
                case Std.Year: AppendInt(sb, t.Year % 100, 2); break;
                case Std.Month: sb.Append(LongMonthNames[t.Month - 1][..3]); break;
                case Std.LongMonth: sb.Append(LongMonthNames[t.Month - 1]); break;
                case Std.NumMonth: AppendInt(sb, t.Month, 0); break;
                case Std.ZeroMonth: AppendInt(sb, t.Month, 2); break;
                case Std.WeekDay: sb.Append(LongDayNames[(int)t.DayOfWeek][..3]); break;
                case Std.LongWeekDay: sb.Append(LongDayNames[(int)t.DayOfWeek]); break;
                case Std.Day: AppendInt(sb, t.Day, 0); break;
                case Std.UnderDay:
                    if (t.Day < 10)
                    {
                        sb.Append(' ');
                    }

                    AppendInt(sb, t.Day, 0);
                    break;
                case Std.ZeroDay: AppendInt(sb, t.Day, 2); break;
                case Std.UnderYearDay: sb.Append(t.DayOfYear.ToString(CultureInfo.InvariantCulture).PadLeft(3, ' ')); break;
                case Std.ZeroYearDay: AppendInt(sb, t.DayOfYear, 3); break;
                case Std.Hour: AppendInt(sb, t.Hour, 2); break;
                case Std.Hour12: AppendInt(sb, t.Hour % 12 == 0 ? 12 : t.Hour % 12, 0); break;
                case Std.ZeroHour12: AppendInt(sb, t.Hour % 12 == 0 ? 12 : t.Hour % 12, 2); break;
                case Std.Minute: AppendInt(sb, t.Minute, 0); break;
                case Std.ZeroMinute: AppendInt(sb, t.Minute, 2); break;
                case Std.Second: AppendInt(sb, t.Second, 0); break;
                case Std.ZeroSecond: AppendInt(sb, t.Second, 2); break;
                case Std.PM: sb.Append(t.Hour >= 12 ? "PM" : "AM"); break;
                case Std.Pm: sb.Append(t.Hour >= 12 ? "pm" : "am"); break;
                case Std.TZ:
                    if (!string.IsNullOrEmpty(time.ZoneAbbreviation))
                    {
                        sb.Append(time.ZoneAbbreviation);
                    }
                    else
                    {
                        var zone = offsetSeconds / 60;
                        sb.Append(zone < 0 ? '-' : '+');
                        zone = Math.Abs(zone);
                        AppendInt(sb, zone / 60, 2);
                        AppendInt(sb, zone % 60, 2);
                    }

                    break;
                case Std.Iso8601TZ or Std.Iso8601ColonTZ or Std.Iso8601SecondsTZ or Std.Iso8601ShortTZ or Std.Iso8601ColonSecondsTZ
                    or Std.NumTZ or Std.NumColonTZ or Std.NumSecondsTZ or Std.NumShortTZ or Std.NumColonSecondsTZ:
                    AppendZone(sb, chunk.Std, offsetSeconds);
                    break;
                case Std.FracSecond0 or Std.FracSecond9:
                    var nanos = (int)(t.Ticks % TimeSpan.TicksPerSecond * 100);
                    var digits = nanos.ToString("D9", CultureInfo.InvariantCulture)[..Math.Min(chunk.FracDigits, 9)];
                    if (chunk.Std == Std.FracSecond9)
                    {
                        digits = digits.TrimEnd('0');
                        if (digits.Length == 0)
                        {
                            break;
                        }
                    }

                    sb.Append(chunk.FracSeparator).Append(digits);
                    break;
            }
        }

        return sb.ToString();
    }

    static void AppendZone(StringBuilder sb, Std std, int offsetSeconds)
    {
        var iso = std is Std.Iso8601TZ or Std.Iso8601ColonTZ or Std.Iso8601SecondsTZ or Std.Iso8601ShortTZ or Std.Iso8601ColonSecondsTZ;
        if (iso && offsetSeconds == 0)
        {
            sb.Append('Z');
            return;
        }

        var zone = offsetSeconds / 60;
        var absOffset = Math.Abs(offsetSeconds);
        sb.Append(zone < 0 ? '-' : '+');
        zone = Math.Abs(zone);
        AppendInt(sb, zone / 60, 2);
        var colon = std is Std.Iso8601ColonTZ or Std.NumColonTZ or Std.Iso8601ColonSecondsTZ or Std.NumColonSecondsTZ;
        if (colon)
        {
            sb.Append(':');
        }

        if (std is not (Std.NumShortTZ or Std.Iso8601ShortTZ))
        {
            AppendInt(sb, zone % 60, 2);
        }

        if (std is Std.Iso8601SecondsTZ or Std.NumSecondsTZ or Std.NumColonSecondsTZ or Std.Iso8601ColonSecondsTZ)
        {
            if (colon)
            {
                sb.Append(':');
            }

            AppendInt(sb, absOffset % 60, 2);
        }
    }

    /// <summary>time.ParseInLocation with UTC as the location; false when the value does not match the layout.</summary>
    public static bool TryParse(string layout, string value, out GoTime result)
    {
        result = GoTime.Zero;
        int year = 1, month = -1, day = -1, yday = -1, hour = 0, minute = 0, second = 0;
        long nanos = 0;
        bool pmSet = false, amSet = false;
        int? offset = null;
        string? zoneName = null;
        var rest = layout;
        var v = value;
        while (true)
        {
            var chunk = NextChunk(rest);
            if (!Skip(ref v, chunk.Prefix))
            {
                return false;
            }

            if (chunk.Std == Std.None)
            {
                if (v.Length != 0)
                {
                    return false;
                }

                break;
            }

            rest = chunk.Suffix;
            switch (chunk.Std)
            {
                case Std.LongYear:
                    if (v.Length < 4 || v.AsSpan(0, 4).ContainsAnyExceptInRange('0', '9'))
                    {
                        return false;
                    }

                    year = int.Parse(v.AsSpan(0, 4), CultureInfo.InvariantCulture);
                    v = v[4..];
                    break;
                case Std.Year:
                    if (v.Length < 2 || v.AsSpan(0, 2).ContainsAnyExceptInRange('0', '9'))
                    {
                        return false;
                    }

                    year = int.Parse(v.AsSpan(0, 2), CultureInfo.InvariantCulture);
                    year += year >= 69 ? 1900 : 2000;
                    v = v[2..];
                    break;
                case Std.Month or Std.LongMonth:
                    month = Lookup(ref v, LongMonthNames, chunk.Std == Std.Month) + 1;
                    if (month == 0)
                    {
                        return false;
                    }

                    break;
                case Std.NumMonth or Std.ZeroMonth:
                    if (!GetNum(ref v, chunk.Std == Std.ZeroMonth, out month) || month is < 1 or > 12)
                    {
                        return false;
                    }

                    break;
                case Std.WeekDay or Std.LongWeekDay:
                    if (Lookup(ref v, LongDayNames, chunk.Std == Std.WeekDay) < 0)
                    {
                        return false;
                    }

                    break;
                case Std.Day or Std.UnderDay or Std.ZeroDay:
                    if (chunk.Std == Std.UnderDay && v.StartsWith(' '))
                    {
                        v = v[1..];
                    }

                    if (!GetNum(ref v, chunk.Std == Std.ZeroDay, out day))
                    {
                        return false;
                    }

                    break;
                case Std.UnderYearDay or Std.ZeroYearDay:
                    for (var k = 0; k < 2 && chunk.Std == Std.UnderYearDay && v.StartsWith(' '); k++)
                    {
                        v = v[1..];
                    }

                    if (!GetNum3(ref v, chunk.Std == Std.ZeroYearDay, out yday) || yday is < 1 or > 366)
                    {
                        return false;
                    }

                    break;
                case Std.Hour:
                    if (!GetNum(ref v, false, out hour) || hour is < 0 or >= 24)
                    {
                        return false;
                    }

                    break;
                case Std.Hour12 or Std.ZeroHour12:
                    if (!GetNum(ref v, chunk.Std == Std.ZeroHour12, out hour) || hour is < 0 or > 12)
                    {
                        return false;
                    }

                    break;
                case Std.Minute or Std.ZeroMinute:
                    if (!GetNum(ref v, chunk.Std == Std.ZeroMinute, out minute) || minute is < 0 or >= 60)
                    {
                        return false;
                    }

                    break;
                case Std.Second or Std.ZeroSecond:
                    if (!GetNum(ref v, chunk.Std == Std.ZeroSecond, out second) || second is < 0 or >= 60)
                    {
                        return false;
                    }

                    // A fractional second may follow even when the layout does not ask for one.
                    if (v.Length >= 2 && v[0] is '.' or ',' && char.IsAsciiDigit(v[1])
                        && NextChunk(rest).Std is not (Std.FracSecond0 or Std.FracSecond9))
                    {
                        var n = 1;
                        while (n < v.Length && char.IsAsciiDigit(v[n]))
                        {
                            n++;
                        }

                        nanos = Nanos(v[1..n]);
                        v = v[n..];
                    }

                    break;
                case Std.PM or Std.Pm:
                    if (v.Length < 2)
                    {
                        return false;
                    }

                    var ampm = v[..2];
                    var (pm, am) = chunk.Std == Std.PM ? ("PM", "AM") : ("pm", "am");
                    if (ampm == pm)
                    {
                        pmSet = true;
                    }
                    else if (ampm == am)
                    {
                        amSet = true;
                    }
                    else
                    {
                        return false;
                    }

                    v = v[2..];
                    break;
                case Std.Iso8601TZ or Std.Iso8601ColonTZ or Std.Iso8601SecondsTZ or Std.Iso8601ShortTZ or Std.Iso8601ColonSecondsTZ
                    or Std.NumTZ or Std.NumColonTZ or Std.NumSecondsTZ or Std.NumShortTZ or Std.NumColonSecondsTZ:
                    if (chunk.Std is Std.Iso8601TZ or Std.Iso8601ColonTZ or Std.Iso8601SecondsTZ or Std.Iso8601ShortTZ or Std.Iso8601ColonSecondsTZ
                        && v.StartsWith('Z'))
                    {
                        v = v[1..];
                        offset = 0;
                        zoneName = "UTC";
                        break;
                    }

                    if (!ParseOffset(ref v, chunk.Std, out var parsed))
                    {
                        return false;
                    }

                    offset = parsed;
                    break;
                case Std.TZ:
                    if (v.StartsWith("UTC", StringComparison.Ordinal))
                    {
                        v = v[3..];
                        offset ??= 0;
                        zoneName = "UTC";
                        break;
                    }

                    var letters = 0;
                    while (letters < v.Length && char.IsAsciiLetterUpper(v[letters]))
                    {
                        letters++;
                    }

                    if (letters < 3)
                    {
                        return false;
                    }

                    // Go fabricates a zone with that abbreviation and a zero offset when it does not know it.
                    zoneName = v[..letters];
                    offset ??= 0;
                    v = v[letters..];
                    break;
                case Std.FracSecond0:
                    var width = 1 + chunk.FracDigits;
                    if (v.Length < width || v[0] != chunk.FracSeparator && v[0] is not ('.' or ','))
                    {
                        return false;
                    }

                    if (v.AsSpan(1, chunk.FracDigits).ContainsAnyExceptInRange('0', '9'))
                    {
                        return false;
                    }

                    nanos = Nanos(v[1..width]);
                    v = v[width..];
                    break;
                case Std.FracSecond9:
                    if (v.Length < 2 || v[0] is not ('.' or ',') || !char.IsAsciiDigit(v[1]))
                    {
                        break;
                    }

                    var end = 1;
                    while (end < v.Length && end < 10 && char.IsAsciiDigit(v[end]))
                    {
                        end++;
                    }

                    nanos = Nanos(v[1..end]);
                    v = v[end..];
                    break;
            }
        }

        if (pmSet && hour < 12)
        {
            hour += 12;
        }
        else if (amSet && hour == 12)
        {
            hour = 0;
        }

        if (yday >= 0)
        {
            var fromYearDay = new DateTime(year, 1, 1).AddDays(yday - 1);
            if (fromYearDay.Year != year || (month >= 0 && month != fromYearDay.Month) || (day >= 0 && day != fromYearDay.Day))
            {
                return false;
            }

            month = fromYearDay.Month;
            day = fromYearDay.Day;
        }

        if (month < 0)
        {
            month = 1;
        }

        if (day < 0)
        {
            day = 1;
        }

        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var offsetSpan = TimeSpan.FromSeconds(offset ?? 0);
        var instant = new DateTimeOffset(year, month, day, hour, minute, second, offsetSpan).AddTicks(nanos / 100);
        result = new GoTime(instant, offset is null or 0 && zoneName is null ? "UTC" : zoneName);
        return true;
    }

    static long Nanos(string digits)
    {
        var nine = digits.Length >= 9 ? digits[..9] : digits.PadRight(9, '0');
        return long.Parse(nine, CultureInfo.InvariantCulture);
    }

    static bool Skip(ref string value, string prefix)
    {
        var p = prefix;
        while (p.Length > 0)
        {
            if (p[0] == ' ')
            {
                if (value.Length > 0 && value[0] != ' ')
                {
                    return false;
                }

                p = p.TrimStart(' ');
                value = value.TrimStart(' ');
                continue;
            }

            if (value.Length == 0 || value[0] != p[0])
            {
                return false;
            }

            p = p[1..];
            value = value[1..];
        }

        return true;
    }

    static int Lookup(ref string value, string[] names, bool abbreviated)
    {
        for (var i = 0; i < names.Length; i++)
        {
            var name = abbreviated ? names[i][..3] : names[i];
            if (value.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                value = value[name.Length..];
                return i;
            }
        }

        return -1;
    }

    static bool GetNum(ref string value, bool fixedWidth, out int n)
    {
        n = 0;
        if (!IsDigitAt(value, 0))
        {
            return false;
        }

        if (!IsDigitAt(value, 1))
        {
            if (fixedWidth)
            {
                return false;
            }

            n = value[0] - '0';
            value = value[1..];
            return true;
        }

        n = ((value[0] - '0') * 10) + (value[1] - '0');
        value = value[2..];
        return true;
    }

    static bool GetNum3(ref string value, bool fixedWidth, out int n)
    {
        n = 0;
        var i = 0;
        while (i < 3 && IsDigitAt(value, i))
        {
            n = (n * 10) + (value[i] - '0');
            i++;
        }

        if (i == 0 || (fixedWidth && i != 3))
        {
            return false;
        }

        value = value[i..];
        return true;
    }

    static bool ParseOffset(ref string value, Std std, out int seconds)
    {
        seconds = 0;
        var colon = std is Std.Iso8601ColonTZ or Std.NumColonTZ or Std.Iso8601ColonSecondsTZ or Std.NumColonSecondsTZ;
        var withSeconds = std is Std.Iso8601SecondsTZ or Std.NumSecondsTZ or Std.NumColonSecondsTZ or Std.Iso8601ColonSecondsTZ;
        var shortForm = std is Std.NumShortTZ or Std.Iso8601ShortTZ;
        var pattern = shortForm ? "-07" : colon ? (withSeconds ? "-07:00:00" : "-07:00") : (withSeconds ? "-070000" : "-0700");
        if (value.Length < pattern.Length || value[0] is not ('+' or '-'))
        {
            return false;
        }

        for (var i = 1; i < pattern.Length; i++)
        {
            if (pattern[i] == ':' ? value[i] != ':' : !char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        var digits = value[1..pattern.Length].Replace(":", "", StringComparison.Ordinal);
        var hh = int.Parse(digits.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var mm = digits.Length >= 4 ? int.Parse(digits.AsSpan(2, 2), CultureInfo.InvariantCulture) : 0;
        var ss = digits.Length >= 6 ? int.Parse(digits.AsSpan(4, 2), CultureInfo.InvariantCulture) : 0;
        if (hh > 24 || mm > 59 || ss > 59)
        {
            return false;
        }

        seconds = ((hh * 60) + mm) * 60 + ss;
        if (value[0] == '-')
        {
            seconds = -seconds;
        }

        value = value[pattern.Length..];
        return true;
    }
}
