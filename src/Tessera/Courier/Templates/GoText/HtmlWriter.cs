using System.Text;

namespace Tessera.Courier.Templates.GoText;

/// <summary>
/// html/template's contextual autoescaping, decided while the output is written rather than by rewriting the parse
/// tree: template text moves the HTML context (and loses its HTML comments, as in Go), and every printed value is
/// escaped for the context it lands in. For templates whose branches end in the same context, as html/template
/// requires, this gives the same output.
/// </summary>
internal sealed class HtmlWriter
{
    HtmlContext _context = new(HtmlState.Text);

    enum Escaper
    {
        Html,
        Nospace,
        AttrName,
        Comment,
        UrlFilter,
        UrlNormalize,
        UrlEscape,
        JsValue,
        JsString,
        CssValue,
        CssString,
    }

    /// <summary>Writes literal template text: HTML/JS/CSS comments dropped, a '&lt;' that opens no tag escaped.</summary>
    public void WriteText(StringBuilder output, string s)
    {
        var c = _context;
        var i = 0;
        var written = 0;
        while (i < s.Length)
        {
            var (c1, i1) = HtmlTransitions.AfterText(c, s, i);
            if (c.State is HtmlState.Text or HtmlState.Rcdata)
            {
                var end = i1;
                if (c1.State != c.State)
                {
                    for (var j = end - 1; j >= i; j--)
                    {
                        if (s[j] == '<')
                        {
                            end = j;
                            break;
                        }
                    }
                }

                for (var j = i; j < end; j++)
                {
                    if (s[j] == '<' && string.Compare(s, j, "<!DOCTYPE", 0, 9, StringComparison.OrdinalIgnoreCase) != 0)
                    {
                        output.Append(s, written, j - written).Append("&lt;");
                        written = j + 1;
                    }
                }
            }
            else if (c.IsComment && c.Delim == HtmlDelim.None)
            {
                // A JS block comment still separates tokens, so it leaves a space (or a newline if it spanned lines).
                if (c.State == HtmlState.JsBlockComment)
                {
                    output.Append(s.AsSpan(written, i1 - written).IndexOfAny("\n\r\u2028\u2029") >= 0 ? '\n' : ' ');
                }
                else if (c.State == HtmlState.CssBlockComment)
                {
                    output.Append(' ');
                }

                written = i1;
            }

            if (c.State != c1.State && c1.IsComment && c1.Delim == HtmlDelim.None)
            {
                var commentStart = i1 - (c1.State == HtmlState.HtmlComment ? 4 : 2);
                output.Append(s, written, commentStart - written);
                written = i1;
            }

            if (i1 == i && c1 == c)
            {
                break;
            }

            (c, i) = (c1, i1);
        }

        if (!c.IsComment || c.Delim != HtmlDelim.None)
        {
            output.Append(s, written, s.Length - written);
        }

        _context = c;
    }

    /// <summary>
    /// Writes a printed value escaped for the current context. <paramref name="predefined"/> is "html" or "urlquery"
    /// when the pipeline ended with that function: Go keeps it in place of the equivalent contextual escaper.
    /// </summary>
    public void WriteValue(StringBuilder output, object? value, string? predefined)
    {
        var c = Nudge(_context);
        var escapers = new List<Escaper>();
        switch (c.State)
        {
            case HtmlState.Url or HtmlState.Srcset or HtmlState.CssDqStr or HtmlState.CssSqStr:
                var inCssString = c.State is HtmlState.CssDqStr or HtmlState.CssSqStr;
                switch (c.UrlPart)
                {
                    case UrlPart.None:
                        escapers.Add(Escaper.UrlFilter);
                        escapers.Add(inCssString ? Escaper.CssString : Escaper.UrlNormalize);
                        break;
                    case UrlPart.PreQuery:
                        escapers.Add(inCssString ? Escaper.CssString : Escaper.UrlNormalize);
                        break;
                    default:
                        escapers.Add(Escaper.UrlEscape);
                        break;
                }

                break;
            case HtmlState.Js:
                escapers.Add(Escaper.JsValue);
                break;
            case HtmlState.JsDqStr or HtmlState.JsSqStr or HtmlState.JsTmplLit:
                escapers.Add(Escaper.JsString);
                break;
            case HtmlState.Css:
                escapers.Add(Escaper.CssValue);
                break;
            case HtmlState.Text or HtmlState.Rcdata:
                escapers.Add(Escaper.Html);
                break;
            case HtmlState.Attr:
                break;
            case HtmlState.AttrName or HtmlState.Tag:
                c = c with { State = HtmlState.AttrName };
                escapers.Add(Escaper.AttrName);
                break;
            default:
                escapers.Add(Escaper.Comment);
                break;
        }

        switch (c.Delim)
        {
            case HtmlDelim.SpaceOrTagEnd:
                escapers.Add(Escaper.Nospace);
                break;
            case HtmlDelim.DoubleQuote or HtmlDelim.SingleQuote:
                escapers.Add(Escaper.Html);
                break;
        }

        _context = c;
        output.Append(Apply(escapers, value, predefined));
    }

    /// <summary>
    /// Runs the escapers in order, the first on the raw value. A pipeline ending in html or urlquery keeps that
    /// function in place of its equivalent escapers, or before them when none is equivalent, as Go rewrites it.
    /// </summary>
    static string Apply(List<Escaper> escapers, object? value, string? predefined)
    {
        var steps = escapers.Select(e => (Escaper?)e).ToList();
        if (predefined is not null)
        {
            bool Equivalent(Escaper? e) =>
                predefined == "html" ? e == Escaper.Html : e is Escaper.UrlEscape or Escaper.UrlNormalize;
            if (steps.Any(Equivalent))
            {
                steps = steps.Select(e => Equivalent(e) ? null : e).ToList();
            }
            else
            {
                steps.Insert(0, null);
            }
        }

        object? current = value;
        foreach (var step in steps)
        {
            current = step switch
            {
                // null marks the predefined function: a text/template function, so nil prints as "<no value>".
                null => predefined == "html"
                    ? Builtins.HtmlEscape(Builtins.EvalArgs([current]))
                    : Builtins.QueryEscape(Builtins.EvalArgs([current])),
                Escaper.JsValue => HtmlEscapers.JsValue(current),
                _ => Run(step.Value, Stringify(current)),
            };
        }

        return current as string ?? Stringify(value);
    }

    static string Run(Escaper escaper, string text) => escaper switch
    {
        Escaper.Html => HtmlEscapers.Html(text),
        Escaper.Nospace => HtmlEscapers.Nospace(text),
        Escaper.AttrName => HtmlEscapers.AttrNameFilter(text),
        Escaper.Comment => "",
        Escaper.UrlFilter => HtmlEscapers.UrlFilter(text),
        Escaper.UrlNormalize => HtmlEscapers.UrlNormalize(text),
        Escaper.UrlEscape => HtmlEscapers.UrlEscape(text),
        Escaper.JsString => HtmlEscapers.JsString(text),
        Escaper.CssValue => HtmlEscapers.CssValueFilter(text),
        _ => HtmlEscapers.CssString(text),
    };

    /// <summary>html/template's stringify: strings as they are, nil and missing values as nothing, the rest as %v.</summary>
    static string Stringify(object? value) => value switch
    {
        string s => s,
        null or Missing => "",
        _ => GoFormat.FormatV(value),
    };

    /// <summary>An action right after a tag name or "attr=" decides the state the way html/template's nudge does.</summary>
    static HtmlContext Nudge(HtmlContext c) => c.State switch
    {
        HtmlState.Tag => c with { State = HtmlState.AttrName },
        HtmlState.BeforeValue => c with { State = HtmlTransitions.AttrStartState(c.Attr), Delim = HtmlDelim.SpaceOrTagEnd, Attr = HtmlAttr.None },
        HtmlState.AfterName => c with { State = HtmlState.AttrName, Attr = HtmlAttr.None },
        _ => c,
    };
}
