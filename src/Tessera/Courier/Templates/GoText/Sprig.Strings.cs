using System.Security.Cryptography;
using System.Text;
using static Tessera.Courier.Templates.GoText.ParamKind;

namespace Tessera.Courier.Templates.GoText;

internal static partial class Sprig
{
    static void RegisterStrings(Dictionary<string, GoFunction> t)
    {
        FunctionTable.Add(t, "upper", static (_, a) => ((string)a[0]!).ToUpperInvariant(), ParamKind.String);
        FunctionTable.Add(t, "lower", static (_, a) => ((string)a[0]!).ToLowerInvariant(), ParamKind.String);
        FunctionTable.Add(t, "title", static (_, a) => Title((string)a[0]!), ParamKind.String);
        FunctionTable.Add(t, "untitle", static (_, a) => Untitle((string)a[0]!), ParamKind.String);
        FunctionTable.Add(t, "trim", static (_, a) => TrimSpace((string)a[0]!), ParamKind.String);
        FunctionTable.Add(t, "trimAll", static (_, a) => TrimCutset((string)a[1]!, (string)a[0]!), ParamKind.String, ParamKind.String);
        FunctionTable.Add(t, "trimall", static (_, a) => TrimCutset((string)a[1]!, (string)a[0]!), ParamKind.String, ParamKind.String);
        FunctionTable.Add(t, "trimPrefix", static (_, a) => TrimPrefix((string)a[1]!, (string)a[0]!), ParamKind.String, ParamKind.String);
        FunctionTable.Add(t, "trimSuffix", static (_, a) => TrimSuffix((string)a[1]!, (string)a[0]!), ParamKind.String, ParamKind.String);
        FunctionTable.Add(t, "contains", static (_, a) => ((string)a[1]!).Contains((string)a[0]!, StringComparison.Ordinal), ParamKind.String, ParamKind.String);
        FunctionTable.Add(t, "hasPrefix", static (_, a) => ((string)a[1]!).StartsWith((string)a[0]!, StringComparison.Ordinal), ParamKind.String, ParamKind.String);
        FunctionTable.Add(t, "hasSuffix", static (_, a) => ((string)a[1]!).EndsWith((string)a[0]!, StringComparison.Ordinal), ParamKind.String, ParamKind.String);
        FunctionTable.Add(t, "replace", static (_, a) => Replace((string)a[2]!, (string)a[0]!, (string)a[1]!), ParamKind.String, ParamKind.String, ParamKind.String);
        FunctionTable.Add(t, "repeat", static (_, a) => Repeat((string)a[1]!, (long)a[0]!), Int, ParamKind.String);
        FunctionTable.Add(t, "substr", static (_, a) => Substring(AsInt(a[0]), AsInt(a[1]), (string)a[2]!), Int, Int, ParamKind.String);
        FunctionTable.Add(t, "trunc", static (_, a) => Truncate(AsInt(a[0]), (string)a[1]!), Int, ParamKind.String);
        FunctionTable.Add(t, "abbrev", static (_, a) => Abbreviate(AsInt(a[0]), (string)a[1]!), Int, ParamKind.String);
        FunctionTable.Add(t, "nospace", static (_, a) => string.Concat(((string)a[0]!).EnumerateRunes().Where(r => !IsGoSpace(r)).Select(r => r.ToString())), ParamKind.String);
        FunctionTable.Add(t, "initials", static (_, a) => Initials((string)a[0]!), ParamKind.String);
        FunctionTable.AddVariadic(t, "quote", Any, static (_, a) => string.Join(" ", a.Where(v => v is not null).Select(v => GoQuote.Quote(Strval(v)))));
        FunctionTable.AddVariadic(t, "squote", Any, static (_, a) => string.Join(" ", a.Where(v => v is not null).Select(v => "'" + Strval(v) + "'")));
        FunctionTable.AddVariadic(t, "cat", Any, static (_, a) => string.Join(" ", a.Where(v => v is not null).Select(GoFormat.FormatV)));
        FunctionTable.Add(t, "indent", static (_, a) => Indent(AsInt(a[0]), (string)a[1]!), Int, ParamKind.String);
        FunctionTable.Add(t, "nindent", static (_, a) => "\n" + Indent(AsInt(a[0]), (string)a[1]!), Int, ParamKind.String);
        FunctionTable.Add(t, "plural", static (_, a) => (long)a[2]! == 1 ? a[0] : a[1], ParamKind.String, ParamKind.String, Int);
        FunctionTable.Add(t, "sha1sum", static (_, a) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes((string)a[0]!))), ParamKind.String);
        FunctionTable.Add(t, "sha256sum", static (_, a) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((string)a[0]!))), ParamKind.String);
        FunctionTable.Add(t, "toString", static (_, a) => Strval(a[0]), Any);
        FunctionTable.Add(t, "toStrings", static (_, a) => StrSlice(a[0]).Cast<object?>().ToList(), Any);
        FunctionTable.Add(t, "join", static (_, a) => string.Join((string)a[0]!, StrSlice(a[1])), ParamKind.String, Any);
        FunctionTable.Add(t, "sortAlpha", static (_, a) => SortAlpha(a[0]), Any);
        FunctionTable.Add(t, "split", static (_, a) => SplitMap(Split((string)a[1]!, (string)a[0]!, -1)), ParamKind.String, ParamKind.String);
        FunctionTable.Add(t, "splitn", static (_, a) => SplitMap(Split((string)a[2]!, (string)a[0]!, AsInt(a[1]))), ParamKind.String, Int, ParamKind.String);
        FunctionTable.Add(t, "splitList", static (_, a) => Split((string)a[1]!, (string)a[0]!, -1).Cast<object?>().ToList(), ParamKind.String, ParamKind.String);
    }

    /// <summary>unicode.IsSpace.</summary>
    static bool IsGoSpace(Rune r) =>
        r.Value is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or 0x85 or 0xA0 || (r.Value > 0xFF && Rune.IsWhiteSpace(r));

    static string TrimSpace(string s)
    {
        var runes = s.EnumerateRunes().ToList();
        var start = runes.FindIndex(r => !IsGoSpace(r));
        if (start < 0)
        {
            return "";
        }

        var end = runes.FindLastIndex(r => !IsGoSpace(r));
        return string.Concat(runes.Skip(start).Take(end - start + 1).Select(r => r.ToString()));
    }

    /// <summary>strings.Title: upper-cases the first letter of every word; only ASCII non-alphanumerics and spaces separate words.</summary>
    static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var previous = new Rune(' ');
        foreach (var r in s.EnumerateRunes())
        {
            sb.Append((IsSeparator(previous) ? Rune.ToUpperInvariant(r) : r).ToString());
            previous = r;
        }

        return sb.ToString();
    }

    static bool IsSeparator(Rune r)
    {
        if (r.Value <= 0x7F)
        {
            return !(char.IsAsciiLetterOrDigit((char)r.Value) || r.Value == '_');
        }

        return !Rune.IsLetter(r) && !Rune.IsDigit(r) && Rune.IsWhiteSpace(r);
    }

    /// <summary>goutils.Uncapitalize: lower-cases the first letter after each run of whitespace.</summary>
    static string Untitle(string s)
    {
        var sb = new StringBuilder(s.Length);
        var atWordStart = true;
        foreach (var r in s.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(r))
            {
                atWordStart = true;
                sb.Append(r.ToString());
                continue;
            }

            sb.Append((atWordStart ? Rune.ToLowerInvariant(r) : r).ToString());
            atWordStart = false;
        }

        return sb.ToString();
    }

    static string Initials(string s)
    {
        var sb = new StringBuilder();
        var atWordStart = true;
        foreach (var r in s.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(r))
            {
                atWordStart = true;
            }
            else if (atWordStart)
            {
                sb.Append(r.ToString());
                atWordStart = false;
            }
        }

        return sb.ToString();
    }

    /// <summary>strings.Trim: removes leading and trailing runes contained in the cutset.</summary>
    static string TrimCutset(string s, string cutset)
    {
        var cut = cutset.EnumerateRunes().ToHashSet();
        var runes = s.EnumerateRunes().ToList();
        var start = 0;
        while (start < runes.Count && cut.Contains(runes[start]))
        {
            start++;
        }

        var end = runes.Count;
        while (end > start && cut.Contains(runes[end - 1]))
        {
            end--;
        }

        return string.Concat(runes.Skip(start).Take(end - start).Select(r => r.ToString()));
    }

    static string TrimPrefix(string s, string prefix) =>
        prefix.Length > 0 && s.StartsWith(prefix, StringComparison.Ordinal) ? s[prefix.Length..] : s;

    static string TrimSuffix(string s, string suffix) =>
        suffix.Length > 0 && s.EndsWith(suffix, StringComparison.Ordinal) ? s[..^suffix.Length] : s;

    /// <summary>strings.Replace with n = -1; an empty "old" inserts the replacement around every rune, as in Go.</summary>
    static string Replace(string s, string old, string replacement)
    {
        if (old.Length > 0)
        {
            return s.Replace(old, replacement, StringComparison.Ordinal);
        }

        var sb = new StringBuilder(replacement);
        foreach (var r in s.EnumerateRunes())
        {
            sb.Append(r.ToString()).Append(replacement);
        }

        return sb.ToString();
    }

    static string Repeat(string s, long count)
    {
        if (count < 0)
        {
            throw new FunctionException("strings: negative Repeat count");
        }

        if (count * s.Length > 10_000_000)
        {
            throw new FunctionException("strings: Repeat output length overflow");
        }

        return string.Concat(Enumerable.Repeat(s, (int)count));
    }

    // Go slices strings by byte; substr and trunc work on the UTF-8 bytes as Sprig does.
    static string Bytes(byte[] bytes, int start, int end) => Encoding.UTF8.GetString(bytes, start, end - start);

    static string Substring(int start, int end, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        if (start < 0)
        {
            return end < 0 || end > bytes.Length ? throw SliceOutOfRange() : Bytes(bytes, 0, end);
        }

        if (end < 0 || end > bytes.Length)
        {
            return start > bytes.Length ? throw SliceOutOfRange() : Bytes(bytes, start, bytes.Length);
        }

        return start > end ? throw SliceOutOfRange() : Bytes(bytes, start, end);
    }

    static FunctionException SliceOutOfRange() => new("runtime error: slice bounds out of range");

    static string Truncate(int c, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        if (c < 0 && bytes.Length + c > 0)
        {
            return Bytes(bytes, bytes.Length + c, bytes.Length);
        }

        if (c >= 0 && bytes.Length > c)
        {
            return Bytes(bytes, 0, c);
        }

        return s;
    }

    static string Abbreviate(int width, string s)
    {
        if (width < 4 || GoValues.ByteLength(s) <= width)
        {
            return s;
        }

        return Truncate(width - 3, s) + "...";
    }

    static string Indent(int spaces, string s)
    {
        var pad = new string(' ', Math.Max(spaces, 0));
        return pad + s.Replace("\n", "\n" + pad, StringComparison.Ordinal);
    }

    /// <summary>strings.SplitN: an empty separator splits into runes; n &lt; 0 means all.</summary>
    static List<string> Split(string s, string separator, int n)
    {
        if (n == 0)
        {
            return [];
        }

        if (separator.Length == 0)
        {
            var runes = s.EnumerateRunes().Select(r => r.ToString()).ToList();
            if (n > 0 && runes.Count > n)
            {
                runes[n - 1] = string.Concat(runes.Skip(n - 1));
                runes.RemoveRange(n, runes.Count - n);
            }

            return runes;
        }

        return n < 0 ? [.. s.Split(separator)] : [.. s.Split(separator, n)];
    }

    /// <summary>Sprig's split returns a map keyed "_0", "_1", … so items can be read as fields.</summary>
    static GoMap SplitMap(List<string> parts)
    {
        var map = new GoMap();
        for (var i = 0; i < parts.Count; i++)
        {
            map.Entries["_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = parts[i];
        }

        return map;
    }

    static List<object?> SortAlpha(object? list) => list switch
    {
        List<object?> l => StrSlice(l).Order(StringComparer.Ordinal).Cast<object?>().ToList(),
        _ => [Strval(list)],
    };
}
