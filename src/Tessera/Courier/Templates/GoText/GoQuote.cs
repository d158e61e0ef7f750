using System.Globalization;
using System.Text;

namespace Tessera.Courier.Templates.GoText;

/// <summary>Go's string literal rules: <c>strconv.Quote</c> for %q and messages, <c>strconv.Unquote</c> for template literals.</summary>
internal static class GoQuote
{
    public static string Quote(string s) => Quote(s, '"');

    /// <summary>Quotes like strconv.Quote (or QuoteRune with '\''): printable runes kept, the rest escaped.</summary>
    public static string Quote(string s, char quote)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append(quote);
        foreach (var rune in s.EnumerateRunes())
        {
            AppendEscaped(sb, rune, quote);
        }

        sb.Append(quote);
        return sb.ToString();
    }

    static void AppendEscaped(StringBuilder sb, Rune rune, char quote)
    {
        var r = rune.Value;
        if (r == quote || r == '\\')
        {
            sb.Append('\\').Append((char)r);
            return;
        }

        if (IsPrint(rune))
        {
            sb.Append(rune.ToString());
            return;
        }

        switch (r)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }

        if (r < ' ' || r == 0x7f)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\\x{r:x2}");
        }
        else if (r == 0xFFFD)
        {
            sb.Append("\\ufffd");
        }
        else if (r < 0x10000)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\\u{r:x4}");
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"\\U{r:x8}");
        }
    }

    /// <summary>Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrint(Rune rune)
    {
        if (rune.Value == ' ')
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
    }

    /// <summary>Unquotes a "…", `…` or '…' literal as strconv.Unquote does; null when the syntax is invalid.</summary>
    public static string? Unquote(string literal)
    {
        if (literal.Length < 2)
        {
            return null;
        }

        var quote = literal[0];
        if (quote != literal[^1])
        {
            return null;
        }

        var body = literal[1..^1];
        if (quote == '`')
        {
            // strconv.Unquote drops carriage returns from raw strings.
            return body.Contains('`', StringComparison.Ordinal) ? null : body.Replace("\r", "", StringComparison.Ordinal);
        }

        if (quote is not ('"' or '\''))
        {
            return null;
        }

        var sb = new StringBuilder(body.Length);
        var bytes = new List<byte>();
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c == quote || c == '\n')
            {
                return null;
            }

            if (c != '\\')
            {
                FlushBytes(sb, bytes);
                sb.Append(c);
                i++;
                continue;
            }

            if (i + 1 >= body.Length)
            {
                return null;
            }

            var e = body[i + 1];
            i += 2;
            switch (e)
            {
                case 'a': FlushBytes(sb, bytes); sb.Append('\a'); break;
                case 'b': FlushBytes(sb, bytes); sb.Append('\b'); break;
                case 'f': FlushBytes(sb, bytes); sb.Append('\f'); break;
                case 'n': FlushBytes(sb, bytes); sb.Append('\n'); break;
                case 'r': FlushBytes(sb, bytes); sb.Append('\r'); break;
                case 't': FlushBytes(sb, bytes); sb.Append('\t'); break;
                case 'v': FlushBytes(sb, bytes); sb.Append('\v'); break;
                case '\\': FlushBytes(sb, bytes); sb.Append('\\'); break;
                case '\'' or '"':
                    if (e != quote)
                    {
                        return null;
                    }

                    FlushBytes(sb, bytes);
                    sb.Append(e);
                    break;
                case 'x':
                    if (!TryHex(body, i, 2, out var x))
                    {
                        return null;
                    }

                    // \x escapes are bytes: several may spell one UTF-8 character.
                    bytes.Add((byte)x);
                    i += 2;
                    break;
                case 'u' or 'U':
                    var width = e == 'u' ? 4 : 8;
                    if (!TryHex(body, i, width, out var u) || !Rune.IsValid(u))
                    {
                        return null;
                    }

                    FlushBytes(sb, bytes);
                    sb.Append(new Rune(u).ToString());
                    i += width;
                    break;
                case >= '0' and <= '7':
                    if (i + 2 > body.Length || !IsOctal(body[i]) || !IsOctal(body[i + 1]))
                    {
                        return null;
                    }

                    var octal = ((e - '0') * 64) + ((body[i] - '0') * 8) + (body[i + 1] - '0');
                    if (octal > 255)
                    {
                        return null;
                    }

                    bytes.Add((byte)octal);
                    i += 2;
                    break;
                default:
                    return null;
            }
        }

        FlushBytes(sb, bytes);
        var result = sb.ToString();
        if (quote == '\'' && result.EnumerateRunes().Count() != 1)
        {
            return null;
        }

        return result;
    }

    static bool IsOctal(char c) => c is >= '0' and <= '7';

    static void FlushBytes(StringBuilder sb, List<byte> bytes)
    {
        if (bytes.Count > 0)
        {
            sb.Append(Encoding.UTF8.GetString(bytes.ToArray()));
            bytes.Clear();
        }
    }

    static bool TryHex(string s, int start, int width, out int value)
    {
        value = 0;
        if (start + width > s.Length)
        {
            return false;
        }

        return int.TryParse(s.AsSpan(start, width), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
