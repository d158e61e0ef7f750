using System.Text;
using Tessera.Jsonnet.Evaluation;
using Tessera.Jsonnet.Output;

namespace Tessera.Jsonnet.Std;

internal static partial class StdLibrary
{
    /// <summary>What <c>std.trim</c> strips, as the stdlib defines it.</summary>
    const string Whitespace = " \t\n\f\r\u0085\u00A0";

    static void DefineStrings(Definer std)
    {
        std.Function("toString", ["a"], a => Str(JsonWriter.ToText(a[0])));
        std.Function("substr", ["str", "from", "len"], a =>
        {
            var text = new CodePoints(a.String(0));
            int from = a.Integer(1), length = a.Integer(2);
            if (from < 0 || length < 0)
            {
                throw a.Error($"from and len must be at least 0, got {from} and {length}");
            }

            return Str(text.Substring(from, length));
        });
        std.Function("findSubstr", ["pat", "str"], a =>
        {
            var pattern = a.String(0);
            var text = new CodePoints(a.String(1));
            var patternLength = new CodePoints(pattern).Length;
            var found = new List<Thunk>();
            for (var i = 0; patternLength > 0 && i + patternLength <= text.Length; i++)
            {
                if (text.Substring(i, patternLength) == pattern)
                {
                    found.Add(NumberValue.Of(i));
                }
            }

            return Arr(found);
        });
        std.Function("startsWith", ["a", "b"], a => Bool(a.String(0).StartsWith(a.String(1), StringComparison.Ordinal)));
        std.Function("endsWith", ["a", "b"], a => Bool(a.String(0).EndsWith(a.String(1), StringComparison.Ordinal)));
        std.Function("stripChars", ["str", "chars"], a => Str(Strip(a.String(0), a.String(1), left: true, right: true)));
        std.Function("lstripChars", ["str", "chars"], a => Str(Strip(a.String(0), a.String(1), left: true, right: false)));
        std.Function("rstripChars", ["str", "chars"], a => Str(Strip(a.String(0), a.String(1), left: false, right: true)));
        std.Function("trim", ["str"], a => Str(Strip(a.String(0), Whitespace, left: true, right: true)));
        std.Function("split", ["str", "c"], a => Split(a, -1, fromRight: false));
        std.Function("splitLimit", ["str", "c", "maxsplits"], a => Split(a, a.Integer(2), fromRight: false));
        std.Function("splitLimitR", ["str", "c", "maxsplits"], a => Split(a, a.Integer(2), fromRight: true));
        std.Function("strReplace", ["str", "from", "to"], a =>
        {
            var from = a.String(1);
            return from.Length == 0 ? throw a.Error("'from' string must not be zero length") : Str(a.String(0).Replace(from, a.String(2), StringComparison.Ordinal));
        });
        std.Function("isEmpty", ["str"], a => Bool(a.String(0).Length == 0));
        std.Function("equalsIgnoreCase", ["str1", "str2"], a => Bool(AsciiLower(a.String(0)) == AsciiLower(a.String(1))));
        std.Function("asciiUpper", ["str"], a => Str(string.Create(a.String(0).Length, a.String(0), (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsAsciiLetterLower(s[i]) ? (char)(s[i] - 32) : s[i];
            }
        })));
        std.Function("asciiLower", ["str"], a => Str(AsciiLower(a.String(0))));
        std.Function("stringChars", ["str"], a => Arr(new CodePoints(a.String(0)).Each().Select(c => (Thunk)StringValue.Of(c))));
        std.Function("format", ["str", "vals"], a => Str(StringFormatter.Format(a.Evaluator, a.String(0), a[1])));
        std.Function("escapeStringJson", ["str_"], a => Str(JsonWriter.Escape(JsonWriter.ToText(a[0]))));
        std.Function("escapeStringPython", ["str"], a => Str(JsonWriter.Escape(JsonWriter.ToText(a[0]))));
        std.Function("escapeStringBash", ["str_"], a => Str("'" + JsonWriter.ToText(a[0]).Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'"));
        std.Function("escapeStringDollars", ["str_"], a => Str(JsonWriter.ToText(a[0]).Replace("$", "$$", StringComparison.Ordinal)));
        std.Function("escapeStringXml", ["str_"], a => Str(EscapeXml(JsonWriter.ToText(a[0]))));
        std.Function("char", ["n"], a =>
        {
            var n = a.Integer(0);
            return n is < 0 or > 0x10FFFF || n is >= 0xD800 and <= 0xDFFF
                ? throw a.Error($"invalid unicode codepoint, got {n}")
                : Str(CodePoints.FromCodePoint(n));
        });
        std.Function("codepoint", ["str"], a =>
        {
            var text = new CodePoints(a.String(0));
            return text.Length == 1 ? Num(text.CodePointAt(0)) : throw a.Error($"expected a string of length 1, got length {text.Length}");
        });
    }

    static string AsciiLower(string s) => string.Create(s.Length, s, (span, text) =>
    {
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = char.IsAsciiLetterUpper(text[i]) ? (char)(text[i] + 32) : text[i];
        }
    });

    internal static string EscapeXml(string text) => new StringBuilder(text)
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&apos;").ToString();

    static string Strip(string text, string chars, bool left, bool right)
    {
        var set = new HashSet<string>(new CodePoints(chars).Each(), StringComparer.Ordinal);
        var points = new CodePoints(text);
        int start = 0, end = points.Length;
        while (left && start < end && set.Contains(points.At(start)))
        {
            start++;
        }

        while (right && end > start && set.Contains(points.At(end - 1)))
        {
            end--;
        }

        return points.Substring(start, end - start);
    }

    static ArrayValue Split(BuiltinArguments a, int maxSplits, bool fromRight)
    {
        var text = a.String(0);
        var separator = a.String(1);
        if (separator.Length == 0)
        {
            throw a.Error("the separator must not be empty");
        }

        if (maxSplits < -1)
        {
            throw a.Error($"maxsplits must be -1 or at least 0, got {maxSplits}");
        }

        var parts = text.Split(separator, StringSplitOptions.None).ToList();
        if (maxSplits >= 0 && parts.Count > maxSplits + 1)
        {
            parts = fromRight
                ? [string.Join(separator, parts.Take(parts.Count - maxSplits)), .. parts.Skip(parts.Count - maxSplits)]
                : [.. parts.Take(maxSplits), string.Join(separator, parts.Skip(maxSplits))];
        }

        return Arr(parts.Select(p => (Thunk)StringValue.Of(p)));
    }
}
