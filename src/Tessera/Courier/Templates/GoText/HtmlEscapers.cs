using System.Globalization;
using System.Text;

namespace Tessera.Courier.Templates.GoText;

/// <summary>html/template's escapers and filters, each turning a value's text into text safe for one context.</summary>
internal static class HtmlEscapers
{
    /// <summary>Replaces values a filter refuses (a javascript: URL, an unsafe attribute name), as html/template does.</summary>
    public const string FilterFailsafe = "ZgotmplZ";

    /// <summary>HTML text, RCDATA and quoted attribute values. Unlike text/template's html, '+' is escaped too.</summary>
    public static string Html(string s)
    {
        if (s.AsSpan().IndexOfAny("\0\"&'+<>") < 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '\0' => "\uFFFD",
                '"' => "&#34;",
                '&' => "&amp;",
                '\'' => "&#39;",
                '+' => "&#43;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => null,
            } ?? c.ToString());
        }

        return sb.ToString();
    }

    /// <summary>Unquoted attribute values: whitespace and every character that could end the value are escaped.</summary>
    public static string Nospace(string s)
    {
        if (s.Length == 0)
        {
            // <a title={{""}}> would otherwise swallow the next attribute as the value.
            return FilterFailsafe;
        }

        var sb = new StringBuilder(s.Length + 16);
        foreach (var rune in s.EnumerateRunes())
        {
            var r = rune.Value;
            var replacement = r switch
            {
                0 => "&#xfffd;",
                '\t' => "&#9;",
                '\n' => "&#10;",
                '\v' => "&#11;",
                '\f' => "&#12;",
                '\r' => "&#13;",
                ' ' => "&#32;",
                '"' => "&#34;",
                '&' => "&amp;",
                '\'' => "&#39;",
                '+' => "&#43;",
                '<' => "&lt;",
                '=' => "&#61;",
                '>' => "&gt;",
                '`' => "&#96;",
                >= 0xFDD0 and <= 0xFDEF or >= 0xFFF0 and <= 0xFFFF => string.Create(CultureInfo.InvariantCulture, $"&#x{r:x};"),
                _ => null,
            };
            sb.Append(replacement ?? rune.ToString());
        }

        return sb.ToString();
    }

    /// <summary>A value written where an attribute name goes must be a plain, known-harmless name.</summary>
    public static string AttrNameFilter(string s)
    {
        if (s.Length == 0)
        {
            return FilterFailsafe;
        }

        s = s.ToLowerInvariant();
        if (HtmlTransitions.AttrType(s) != HtmlAttr.None)
        {
            return FilterFailsafe;
        }

        return s.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'z') ? s : FilterFailsafe;
    }

    /// <summary>Only http, https and mailto URLs (or scheme-less ones) may start a URL attribute.</summary>
    public static string UrlFilter(string s)
    {
        var colon = s.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var scheme = s[..colon];
            if (!scheme.Contains('/', StringComparison.Ordinal)
                && !scheme.Equals("http", StringComparison.OrdinalIgnoreCase)
                && !scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
                && !scheme.Equals("mailto", StringComparison.OrdinalIgnoreCase))
            {
                return "#" + FilterFailsafe;
            }
        }

        return s;
    }

    /// <summary>Before the query: percent-encodes what a URL may not contain, keeping reserved characters and valid escapes.</summary>
    public static string UrlNormalize(string s) => ProcessUrl(s, normalize: true);

    /// <summary>In the query or fragment: percent-encodes everything but unreserved characters.</summary>
    public static string UrlEscape(string s) => ProcessUrl(s, normalize: false);

    static string ProcessUrl(string s, bool normalize)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        var sb = new StringBuilder(bytes.Length + 16);
        for (var i = 0; i < bytes.Length; i++)
        {
            var c = (char)bytes[i];
            var keep = c switch
            {
                '!' or '#' or '$' or '&' or '*' or '+' or ',' or '/' or ':' or ';' or '=' or '?' or '@' or '[' or ']' => normalize,
                '-' or '.' or '_' or '~' => true,
                '%' => normalize && i + 2 < bytes.Length && char.IsAsciiHexDigit((char)bytes[i + 1]) && char.IsAsciiHexDigit((char)bytes[i + 2]),
                _ => char.IsAsciiLetterOrDigit(c),
            };
            if (keep)
            {
                sb.Append(c);
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"%{bytes[i]:x2}");
            }
        }

        return sb.ToString();
    }

    /// <summary>A value in JavaScript code becomes a JSON literal, padded with spaces when it starts or ends like an identifier.</summary>
    public static string JsValue(object? value)
    {
        var json = GoJson.Marshal(value is Missing ? null : value);
        if (json is null)
        {
            return " /* json: unsupported value */null ";
        }

        json = json.Replace("\u2028", "\\u2028", StringComparison.Ordinal).Replace("\u2029", "\\u2029", StringComparison.Ordinal);
        var pad = IsJsIdentPart(json[0]) || IsJsIdentPart(json[^1]);
        return pad ? " " + json + " " : json;
    }

    static bool IsJsIdentPart(char c) => c is '$' or '_' || char.IsAsciiLetterOrDigit(c) || (c > 0x7f && char.IsLetter(c));

    /// <summary>Inside a JS string literal: quotes, HTML specials and line terminators become escapes.</summary>
    public static string JsString(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            var replacement = c switch
            {
                '\0' => "\\u0000",
                '\t' => "\\t",
                '\n' => "\\n",
                '\v' => "\\u000b",
                '\f' => "\\f",
                '\r' => "\\r",
                '"' => "\\u0022",
                '`' => "\\u0060",
                '&' => "\\u0026",
                '\'' => "\\u0027",
                '+' => "\\u002b",
                '/' => "\\/",
                '<' => "\\u003c",
                '>' => "\\u003e",
                '\\' => "\\\\",
                '\u2028' => "\\u2028",
                '\u2029' => "\\u2029",
                < ' ' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => null,
            };
            if (replacement is null)
            {
                sb.Append(c);
            }
            else
            {
                sb.Append(replacement);
            }
        }

        return sb.ToString();
    }

    /// <summary>A CSS value outside strings may only be a harmless token (no quotes, parentheses, braces, "expression"…).</summary>
    public static string CssValueFilter(string s)
    {
        var id = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '\0' or '"' or '\'' or '(' or ')' or '/' or ';' or '@' or '[' or '\\' or ']' or '`' or '{' or '}' or '<' or '>':
                    return FilterFailsafe;
                case '-':
                    if (i != 0 && s[i - 1] == '-')
                    {
                        return FilterFailsafe;
                    }

                    break;
                default:
                    if (c < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                    {
                        id.Append(char.ToLowerInvariant(c));
                    }

                    break;
            }
        }

        var lowered = id.ToString();
        return lowered.Contains("expression", StringComparison.Ordinal) || lowered.Contains("mozbinding", StringComparison.Ordinal)
            ? FilterFailsafe
            : s;
    }

    /// <summary>Inside a CSS string: specials become hex escapes, followed by a space when the next character could extend them.</summary>
    public static string CssString(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var replacement = c switch
            {
                '\0' => "\\0",
                '\t' => "\\9",
                '\n' => "\\a",
                '\f' => "\\c",
                '\r' => "\\d",
                '"' => "\\22",
                '&' => "\\26",
                '\'' => "\\27",
                '(' => "\\28",
                ')' => "\\29",
                '+' => "\\2b",
                '/' => "\\2f",
                ':' => "\\3a",
                ';' => "\\3b",
                '<' => "\\3c",
                '>' => "\\3e",
                '\\' => "\\\\",
                '{' => "\\7b",
                '}' => "\\7d",
                _ => null,
            };
            if (replacement is null)
            {
                sb.Append(c);
                continue;
            }

            sb.Append(replacement);
            if (replacement != "\\\\" && (i + 1 == s.Length || char.IsAsciiHexDigit(s[i + 1]) || s[i + 1] is ' ' or '\t' or '\n' or '\f' or '\r'))
            {
                sb.Append(' ');
            }
        }

        return sb.ToString();
    }
}
