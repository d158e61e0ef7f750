using System.Globalization;
using static Tessera.Courier.Templates.GoText.ParamKind;

namespace Tessera.Courier.Templates.GoText;

internal static partial class Sprig
{
    static void RegisterDates(Dictionary<string, GoFunction> t)
    {
        FunctionTable.Add(t, "now", static (c, _) => Now(c));
        FunctionTable.Add(t, "date", static (c, a) => DateInZone(c, (string)a[0]!, a[1], "Local"), ParamKind.String, Any);
        FunctionTable.Add(t, "dateInZone", static (c, a) => DateInZone(c, (string)a[0]!, a[1], (string)a[2]!), ParamKind.String, Any, ParamKind.String);
        FunctionTable.Add(t, "date_in_zone", static (c, a) => DateInZone(c, (string)a[0]!, a[1], (string)a[2]!), ParamKind.String, Any, ParamKind.String);
        FunctionTable.Add(t, "htmlDate", static (c, a) => DateInZone(c, "2006-01-02", a[0], "Local"), Any);
        FunctionTable.Add(t, "htmlDateInZone", static (c, a) => DateInZone(c, "2006-01-02", a[0], (string)a[1]!), Any, ParamKind.String);
        FunctionTable.Add(t, "toDate", static (_, a) => GoTimeFormat.TryParse((string)a[0]!, (string)a[1]!, out var time) ? time : GoTime.Zero, ParamKind.String, ParamKind.String);
        FunctionTable.Add(t, "mustToDate", static (_, a) => GoTimeFormat.TryParse((string)a[0]!, (string)a[1]!, out var time)
            ? time
            : throw new FunctionException($"parsing time {GoQuote.Quote((string)a[1]!)} as {GoQuote.Quote((string)a[0]!)}: cannot parse"), ParamKind.String, ParamKind.String);
        FunctionTable.Add(t, "unixEpoch", static (_, a) => a[0] is GoTime time
            ? time.Instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
            : throw new FunctionException($"wrong type for value; expected time.Time; got {GoValues.TypeName(a[0])}"), Any);
    }

    static GoTime Now(FunctionContext context) => GoTime.Utc(context.Time.GetUtcNow());

    /// <summary>
    /// Sprig's dateInZone: a time, or Unix seconds given as an int; anything else (strings, JSON float64 numbers)
    /// silently means "now", exactly as in Sprig. "Local" is UTC: Tessera renders on a server, like Kratos in its image.
    /// </summary>
    static string DateInZone(FunctionContext context, string layout, object? date, string zone)
    {
        var time = date switch
        {
            GoTime t => t,
            long seconds => GoTime.Utc(DateTimeOffset.FromUnixTimeSeconds(seconds)),
            _ => Now(context),
        };
        return GoTimeFormat.Format(InZone(time, zone), layout);
    }

    static GoTime InZone(GoTime time, string zone)
    {
        if (zone is "" or "UTC" or "Local")
        {
            return GoTime.Utc(time.Instant);
        }

        TimeZoneInfo tz;
        try
        {
            tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // time.LoadLocation failing makes Sprig fall back to UTC.
            return GoTime.Utc(time.Instant);
        }

        var local = TimeZoneInfo.ConvertTime(time.Instant, tz);
        var name = tz.IsDaylightSavingTime(local) ? tz.DaylightName : tz.StandardName;
        return new GoTime(local, IsAbbreviation(name) ? name : null);
    }

    static bool IsAbbreviation(string name) =>
        name.Length is > 0 and <= 6 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-');

    static void RegisterEnvironment(Dictionary<string, GoFunction> t)
    {
        // Templates can come from http(s) URLs and base64 config values: letting them read the server's environment
        // would hand secrets (DSN, cookie and cipher secrets) to whoever writes a template, so env is always empty.
        FunctionTable.Add(t, "env", static (_, _) => "", ParamKind.String);
        FunctionTable.Add(t, "expandenv", static (_, a) => ExpandEmpty((string)a[0]!), ParamKind.String);
    }

    /// <summary>os.ExpandEnv with every variable unset: "$NAME" and "${NAME}" become "".</summary>
    static string ExpandEmpty(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '$' || i + 1 >= s.Length)
            {
                sb.Append(s[i]);
                continue;
            }

            if (s[i + 1] == '{')
            {
                var close = s.IndexOf('}', i + 2);
                if (close < 0)
                {
                    // os.Expand treats a "${" without "}" as a bad syntax and drops the two characters.
                    i++;
                    continue;
                }

                i = close;
                continue;
            }

            var j = i + 1;
            if (IsShellSpecial(s[j]))
            {
                i = j;
                continue;
            }

            while (j < s.Length && (char.IsAsciiLetterOrDigit(s[j]) || s[j] == '_'))
            {
                j++;
            }

            if (j == i + 1)
            {
                sb.Append('$');
                continue;
            }

            i = j - 1;
        }

        return sb.ToString();
    }

    static bool IsShellSpecial(char c) => c is '*' or '#' or '$' or '@' or '!' or '?' or '-' || char.IsAsciiDigit(c);
}
