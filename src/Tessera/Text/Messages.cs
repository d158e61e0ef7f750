using System.Globalization;
using System.Text.Json.Nodes;

namespace Tessera.Text;

/// <summary>
/// One factory per Kratos message (API.md §17.2): exact English text, exact context keys. The factories are split by id
/// range across <c>Messages.*.cs</c>; this file holds what they share.
/// </summary>
internal static partial class Messages
{
    static UiText Info(long id, string text, JsonObject? context = null) => new(id, text, UiText.Info, context);

    static UiText Error(long id, string text, JsonObject? context = null) => new(id, text, UiText.Error, context);

    static UiText Success(long id, string text, JsonObject? context = null) => new(id, text, UiText.Success, context);

    static JsonArray Strings(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add((JsonNode)value);
        }

        return array;
    }

    /// <summary>Go's <c>%.2f</c> of a duration in minutes, as Kratos words flow expiry and privileged-session windows.</summary>
    static string Minutes(TimeSpan span) => span.TotalMinutes.ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>Go's JSON form of a <c>time.Time</c> (RFC 3339 with trailing fractional zeros trimmed), always in UTC.</summary>
    internal static string Rfc3339(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return text + "Z";
    }

    /// <summary>
    /// Go's <c>%v</c> of a float64, as Kratos's schema messages print limits: shortest round-trip digits, exponent form
    /// when the decimal exponent is below -4 or at least 6 (so 1000000 prints as "1e+06").
    /// </summary>
    internal static string GoFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        if (value == 0)
        {
            return "0";
        }

        // "R" is the shortest round-trip form on .NET Core 3+; split it into a digit string and a decimal exponent.
        var r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        var exponentPart = e < 0 ? 0 : int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? r : r[..e];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intLength = dot < 0 ? mantissa.Length : dot;
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        var pointAt = intLength - leading + exponentPart; // digits d1d2… are worth 0.d1d2… × 10^pointAt
        var exp = pointAt - 1;
        var sign = value < 0 ? "-" : "";
        if (exp < -4 || exp >= 6)
        {
            var m = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
            return sign + m + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        }

        if (pointAt <= 0)
        {
            return sign + "0." + new string('0', -pointAt) + digits;
        }

        if (pointAt >= digits.Length)
        {
            return sign + digits + new string('0', pointAt - digits.Length);
        }

        return sign + digits[..pointAt] + "." + digits[pointAt..];
    }
}
