namespace Tessera.Courier.Templates.GoText;

/// <summary>
/// How literal template text moves the HTML context, after html/template's transition functions: tags, attribute
/// names and values, comments, and the raw-text elements script, style, textarea and title. Inside JS and CSS only
/// strings and comments are tracked (not JS regular expressions, template-literal substitutions or CSS url(…)).
/// </summary>
internal static class HtmlTransitions
{
    static readonly string[] AttrUrlNames =
        ["action", "archive", "background", "cite", "classid", "codebase", "data", "formaction", "href", "icon", "longdesc", "manifest", "poster", "profile", "src", "usemap", "xmlns"];

    const string Whitespace = " \t\n\f\r";

    /// <summary>The context after reading text from <paramref name="i"/>; returns the index where reading stopped.</summary>
    public static (HtmlContext Context, int Next) AfterText(HtmlContext c, string s, int i)
    {
        if (c.Delim == HtmlDelim.None)
        {
            var (afterEnd, endAt) = SpecialTagEnd(c, s, i);
            if (endAt == i)
            {
                return (afterEnd, i);
            }

            return Transition(c, s[..endAt], i);
        }

        var ends = c.Delim switch
        {
            HtmlDelim.DoubleQuote => "\"",
            HtmlDelim.SingleQuote => "'",
            _ => Whitespace + ">",
        };
        var end = s.IndexOfAny(ends.ToCharArray(), i);
        if (end < 0)
        {
            end = s.Length;
        }

        if (c.Delim == HtmlDelim.SpaceOrTagEnd)
        {
            var bad = s.AsSpan(i, end - i).IndexOfAny("\"'<=`");
            if (bad >= 0)
            {
                throw new HtmlEscapeException($"{GoQuote.Quote(s.Substring(i + bad, 1))} in unquoted attr: {GoQuote.Quote(s[i..end])}");
            }
        }

        if (end == s.Length)
        {
            // Still inside the value: follow it (entities decoded) so a URL's query part or a JS string is noticed.
            var decoded = System.Net.WebUtility.HtmlDecode(s[i..]);
            var k = 0;
            while (k < decoded.Length)
            {
                var (next, nk) = Transition(c, decoded, k);
                if (nk == k && next == c)
                {
                    break;
                }

                (c, k) = (next, nk);
            }

            return (c, s.Length);
        }

        var element = c.Element;
        if (c.State == HtmlState.Attr && c.Element == HtmlElement.Script && c.Attr == HtmlAttr.ScriptType && !IsJsType(s[i..end]))
        {
            element = HtmlElement.None;
        }

        if (c.Delim != HtmlDelim.SpaceOrTagEnd)
        {
            end++;
        }

        return (new HtmlContext(HtmlState.Tag, Element: element), end);
    }

    static bool IsJsType(string mime)
    {
        var type = mime.Split(';')[0].Trim().ToLowerInvariant();
        return type is "application/ecmascript" or "application/javascript" or "application/json" or "application/ld+json"
            or "application/x-ecmascript" or "application/x-javascript" or "module" or "text/ecmascript" or "text/javascript"
            or "text/javascript1.0" or "text/javascript1.1" or "text/javascript1.2" or "text/javascript1.3" or "text/javascript1.4"
            or "text/javascript1.5" or "text/jscript" or "text/livescript" or "text/x-ecmascript" or "text/x-javascript" or "";
    }

    /// <summary>Inside script/style/textarea/title, the matching end tag returns to HTML text.</summary>
    static (HtmlContext, int) SpecialTagEnd(HtmlContext c, string s, int i)
    {
        if (c.Element != HtmlElement.None)
        {
            if (c.Element == HtmlElement.Script && (c.IsInScriptLiteral || c.IsComment))
            {
                return (c, s.Length);
            }

            var name = c.Element switch
            {
                HtmlElement.Script => "script",
                HtmlElement.Style => "style",
                HtmlElement.Textarea => "textarea",
                _ => "title",
            };
            var at = IndexTagEnd(s, i, name);
            if (at >= 0)
            {
                return (new HtmlContext(HtmlState.Text), at);
            }
        }

        return (c, s.Length);
    }

    static int IndexTagEnd(string s, int from, string tag)
    {
        var i = from;
        while (true)
        {
            var open = s.IndexOf("</", i, StringComparison.Ordinal);
            if (open < 0)
            {
                return -1;
            }

            var after = open + 2;
            if (after + tag.Length < s.Length
                && string.Compare(s, after, tag, 0, tag.Length, StringComparison.OrdinalIgnoreCase) == 0
                && "> \t\n\f/".Contains(s[after + tag.Length], StringComparison.Ordinal))
            {
                return open;
            }

            i = after;
        }
    }

    static (HtmlContext, int) Transition(HtmlContext c, string s, int i) => c.State switch
    {
        HtmlState.Text => TText(c, s, i),
        HtmlState.Tag => TTag(c, s, i),
        HtmlState.AttrName => TAttrName(c, s, i),
        HtmlState.AfterName => TAfterName(c, s, i),
        HtmlState.BeforeValue => TBeforeValue(c, s, i),
        HtmlState.HtmlComment => s.IndexOf("-->", i, StringComparison.Ordinal) is var e and >= 0 ? (new HtmlContext(HtmlState.Text), e + 3) : (c, s.Length),
        HtmlState.Url or HtmlState.Srcset => TUrl(c, s, i),
        HtmlState.Js => TJs(c, s, i),
        HtmlState.JsDqStr => TDelimited(c, s, i, '"', HtmlState.Js),
        HtmlState.JsSqStr => TDelimited(c, s, i, '\'', HtmlState.Js),
        HtmlState.JsTmplLit => TDelimited(c, s, i, '`', HtmlState.Js),
        HtmlState.JsBlockComment => s.IndexOf("*/", i, StringComparison.Ordinal) is var e and >= 0 ? (c with { State = HtmlState.Js }, e + 2) : (c, s.Length),
        HtmlState.CssBlockComment => s.IndexOf("*/", i, StringComparison.Ordinal) is var e and >= 0 ? (c with { State = HtmlState.Css }, e + 2) : (c, s.Length),
        HtmlState.JsLineComment => s.IndexOfAny(['\n', '\r', '\u2028', '\u2029'], i) is var e and >= 0 ? (c with { State = HtmlState.Js }, e) : (c, s.Length),
        HtmlState.CssLineComment => s.IndexOfAny(['\n', '\f', '\r'], i) is var e and >= 0 ? (c with { State = HtmlState.Css }, e) : (c, s.Length),
        HtmlState.Css => TCss(c, s, i),
        HtmlState.CssDqStr => TCssString(c, s, i, '"'),
        HtmlState.CssSqStr => TCssString(c, s, i, '\''),
        _ => (c, s.Length),
    };

    static (HtmlContext, int) TText(HtmlContext c, string s, int i)
    {
        var k = i;
        while (true)
        {
            var lt = s.IndexOf('<', k);
            if (lt < 0 || lt + 1 == s.Length)
            {
                return (c, s.Length);
            }

            if (string.CompareOrdinal(s, lt, "<!--", 0, 4) == 0)
            {
                return (new HtmlContext(HtmlState.HtmlComment), lt + 4);
            }

            var j = lt + 1;
            var isEnd = false;
            if (s[j] == '/')
            {
                if (j + 1 == s.Length)
                {
                    return (c, s.Length);
                }

                isEnd = true;
                j++;
            }

            var (nameEnd, element) = EatTagName(s, j);
            if (nameEnd != j)
            {
                return (new HtmlContext(HtmlState.Tag, Element: isEnd ? HtmlElement.None : element), nameEnd);
            }

            k = nameEnd;
        }
    }

    static (HtmlContext, int) TTag(HtmlContext c, string s, int i)
    {
        i = EatWhiteSpace(s, i);
        if (i == s.Length)
        {
            return (c, s.Length);
        }

        if (s[i] == '>')
        {
            return (new HtmlContext(ElementContent(c.Element), Element: c.Element), i + 1);
        }

        var j = EatAttrName(s, i);
        if (i == j)
        {
            throw new HtmlEscapeException($"expected space, attr name, or end of tag, but got {GoQuote.Quote(s[i..])}");
        }

        var name = s[i..j].ToLowerInvariant();
        var attr = c.Element == HtmlElement.Script && name == "type" ? HtmlAttr.ScriptType : AttrType(name);
        return (new HtmlContext(j == s.Length ? HtmlState.AttrName : HtmlState.AfterName, Element: c.Element, Attr: attr), j);
    }

    static (HtmlContext, int) TAttrName(HtmlContext c, string s, int i)
    {
        var j = EatAttrName(s, i);
        return (j != s.Length ? c with { State = HtmlState.AfterName } : c, j);
    }

    static (HtmlContext, int) TAfterName(HtmlContext c, string s, int i)
    {
        i = EatWhiteSpace(s, i);
        if (i == s.Length)
        {
            return (c, s.Length);
        }

        if (s[i] != '=')
        {
            // A valueless attribute, or the end of the tag.
            return (c with { State = HtmlState.Tag }, i);
        }

        return (c with { State = HtmlState.BeforeValue }, i + 1);
    }

    static (HtmlContext, int) TBeforeValue(HtmlContext c, string s, int i)
    {
        i = EatWhiteSpace(s, i);
        if (i == s.Length)
        {
            return (c, s.Length);
        }

        var delim = HtmlDelim.SpaceOrTagEnd;
        switch (s[i])
        {
            case '\'':
                delim = HtmlDelim.SingleQuote;
                i++;
                break;
            case '"':
                delim = HtmlDelim.DoubleQuote;
                i++;
                break;
        }

        return (c with { State = AttrStartState(c.Attr), Delim = delim }, i);
    }

    public static HtmlState AttrStartState(HtmlAttr attr) => attr switch
    {
        HtmlAttr.Script => HtmlState.Js,
        HtmlAttr.Style => HtmlState.Css,
        HtmlAttr.Url => HtmlState.Url,
        HtmlAttr.Srcset => HtmlState.Srcset,
        _ => HtmlState.Attr,
    };

    static (HtmlContext, int) TUrl(HtmlContext c, string s, int i)
    {
        var rest = s.AsSpan(i);
        if (rest.IndexOfAny('#', '?') >= 0)
        {
            return (c with { UrlPart = UrlPart.QueryOrFragment }, s.Length);
        }

        if (EatWhiteSpace(s, i) != s.Length && c.UrlPart == UrlPart.None)
        {
            return (c with { UrlPart = UrlPart.PreQuery }, s.Length);
        }

        return (c, s.Length);
    }

    static (HtmlContext, int) TJs(HtmlContext c, string s, int i)
    {
        var k = i;
        while (true)
        {
            var at = s.IndexOfAny(['"', '\'', '`', '/'], k);
            if (at < 0)
            {
                return (c, s.Length);
            }

            switch (s[at])
            {
                case '"': return (c with { State = HtmlState.JsDqStr }, at + 1);
                case '\'': return (c with { State = HtmlState.JsSqStr }, at + 1);
                case '`': return (c with { State = HtmlState.JsTmplLit }, at + 1);
            }

            if (at + 1 < s.Length && s[at + 1] == '/')
            {
                return (c with { State = HtmlState.JsLineComment }, at + 2);
            }

            if (at + 1 < s.Length && s[at + 1] == '*')
            {
                return (c with { State = HtmlState.JsBlockComment }, at + 2);
            }

            k = at + 1;
        }
    }

    static (HtmlContext, int) TDelimited(HtmlContext c, string s, int i, char quote, HtmlState after)
    {
        for (var k = i; k < s.Length; k++)
        {
            if (s[k] == '\\')
            {
                k++;
            }
            else if (s[k] == quote)
            {
                return (c with { State = after }, k + 1);
            }
        }

        return (c, s.Length);
    }

    static (HtmlContext, int) TCss(HtmlContext c, string s, int i)
    {
        var k = i;
        while (true)
        {
            var at = s.IndexOfAny(['"', '\'', '/'], k);
            if (at < 0)
            {
                return (c, s.Length);
            }

            switch (s[at])
            {
                case '"': return (c with { State = HtmlState.CssDqStr, UrlPart = UrlPart.None }, at + 1);
                case '\'': return (c with { State = HtmlState.CssSqStr, UrlPart = UrlPart.None }, at + 1);
            }

            if (at + 1 < s.Length && s[at + 1] == '/')
            {
                return (c with { State = HtmlState.CssLineComment }, at + 2);
            }

            if (at + 1 < s.Length && s[at + 1] == '*')
            {
                return (c with { State = HtmlState.CssBlockComment }, at + 2);
            }

            k = at + 1;
        }
    }

    /// <summary>CSS strings are treated as URLs (html/template's conservative choice), so their URL part is tracked.</summary>
    static (HtmlContext, int) TCssString(HtmlContext c, string s, int i, char quote)
    {
        for (var k = i; k < s.Length; k++)
        {
            if (s[k] == '\\')
            {
                k++;
            }
            else if (s[k] == quote)
            {
                var (inner, _) = TUrl(c, s[..k], i);
                return (inner with { State = HtmlState.Css }, k + 1);
            }
        }

        return TUrl(c, s, i);
    }

    static HtmlState ElementContent(HtmlElement element) => element switch
    {
        HtmlElement.Script => HtmlState.Js,
        HtmlElement.Style => HtmlState.Css,
        HtmlElement.Textarea or HtmlElement.Title => HtmlState.Rcdata,
        _ => HtmlState.Text,
    };

    static int EatWhiteSpace(string s, int i)
    {
        while (i < s.Length && Whitespace.Contains(s[i], StringComparison.Ordinal))
        {
            i++;
        }

        return i;
    }

    static int EatAttrName(string s, int i)
    {
        for (var j = i; j < s.Length; j++)
        {
            switch (s[j])
            {
                case ' ' or '\t' or '\n' or '\f' or '\r' or '=' or '>':
                    return j;
                case '\'' or '"' or '<':
                    throw new HtmlEscapeException($"{GoQuote.Quote(s.Substring(j, 1))} in attribute name: {GoQuote.Quote(s[i..Math.Min(s.Length, i + 32)])}");
            }
        }

        return s.Length;
    }

    static (int End, HtmlElement Element) EatTagName(string s, int i)
    {
        if (i == s.Length || !char.IsAsciiLetter(s[i]))
        {
            return (i, HtmlElement.None);
        }

        var j = i + 1;
        while (j < s.Length)
        {
            var x = s[j];
            if (char.IsAsciiLetterOrDigit(x))
            {
                j++;
                continue;
            }

            // "x-y" and "x:y" are one name, "x-" and "x--y" are not.
            if (x is ':' or '-' && j + 1 < s.Length && char.IsAsciiLetterOrDigit(s[j + 1]))
            {
                j += 2;
                continue;
            }

            break;
        }

        var element = s[i..j].ToLowerInvariant() switch
        {
            "script" => HtmlElement.Script,
            "style" => HtmlElement.Style,
            "textarea" => HtmlElement.Textarea,
            "title" => HtmlElement.Title,
            _ => HtmlElement.None,
        };
        return (j, element);
    }

    /// <summary>The kind of an attribute's value by its name, with html/template's heuristics for custom attributes.</summary>
    public static HtmlAttr AttrType(string name)
    {
        if (name.StartsWith("data-", StringComparison.Ordinal))
        {
            name = name[5..];
        }
        else if (name.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
        {
            if (name[..colon] == "xmlns")
            {
                return HtmlAttr.Url;
            }

            name = name[(colon + 1)..];
        }

        if (AttrUrlNames.Contains(name))
        {
            return HtmlAttr.Url;
        }

        switch (name)
        {
            case "style":
                return HtmlAttr.Style;
            case "srcset":
                return HtmlAttr.Srcset;
            case "srcdoc" or "srclang":
                return HtmlAttr.None;
        }

        if (name.StartsWith("on", StringComparison.Ordinal))
        {
            return HtmlAttr.Script;
        }

        return name.Contains("src", StringComparison.Ordinal) || name.Contains("uri", StringComparison.Ordinal) || name.Contains("url", StringComparison.Ordinal)
            ? HtmlAttr.Url
            : HtmlAttr.None;
    }
}
