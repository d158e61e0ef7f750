using System.Globalization;
using System.Text;

namespace Tessera.Courier.Templates.GoText;

/// <summary>
/// encoding/json's Marshal over the value model, as sprig's toJson uses it: map keys sorted, &lt; &gt; &amp; escaped
/// as \u003c \u003e \u0026 unless <c>escapeHtml</c> is off (toRawJson), floats in Go's JSON form.
/// </summary>
internal static class GoJson
{
    /// <summary>The JSON text, or null where Go's Marshal fails (NaN or infinite numbers, a map that contains itself).</summary>
    public static string? Marshal(object? value, bool escapeHtml = true, string? indent = null)
    {
        var sb = new StringBuilder();
        try
        {
            return Write(sb, value, escapeHtml, indent, 0) ? sb.ToString() : null;
        }
        catch (FunctionException)
        {
            return null;
        }
    }

    static bool Write(StringBuilder sb, object? value, bool escapeHtml, string? indent, int depth)
    {
        GoValues.CheckNesting(depth);
        switch (value)
        {
            case null or Missing:
                sb.Append("null");
                return true;
            case bool b:
                sb.Append(b ? "true" : "false");
                return true;
            case long l:
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                return true;
            case double d:
                if (double.IsNaN(d) || double.IsInfinity(d))
                {
                    return false;
                }

                sb.Append(GoFloat.FormatJson(d));
                return true;
            case string s:
                WriteString(sb, s, escapeHtml);
                return true;
            case GoTime t:
                WriteString(sb, GoTimeFormat.Format(t, "2006-01-02T15:04:05.999999999Z07:00"), escapeHtml);
                return true;
            case GoMap m:
                return WriteObject(sb, m.SortedKeys.Select(k => (k, m.Entries[k])).ToList(), escapeHtml, indent, depth);
            case GoStruct st:
                return WriteObject(sb, st.Fields.Select(f => (f.JsonName, f.Value)).ToList(), escapeHtml, indent, depth);
            case List<object?> list:
                if (list.Count == 0)
                {
                    sb.Append("[]");
                    return true;
                }

                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    NewLine(sb, indent, depth + 1);
                    if (!Write(sb, list[i], escapeHtml, indent, depth + 1))
                    {
                        return false;
                    }
                }

                NewLine(sb, indent, depth);
                sb.Append(']');
                return true;
            default:
                WriteString(sb, value.ToString() ?? "", escapeHtml);
                return true;
        }
    }

    static bool WriteObject(StringBuilder sb, List<(string Key, object? Value)> entries, bool escapeHtml, string? indent, int depth)
    {
        if (entries.Count == 0)
        {
            sb.Append("{}");
            return true;
        }

        sb.Append('{');
        for (var i = 0; i < entries.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            NewLine(sb, indent, depth + 1);
            WriteString(sb, entries[i].Key, escapeHtml);
            sb.Append(indent is null ? ":" : ": ");
            if (!Write(sb, entries[i].Value, escapeHtml, indent, depth + 1))
            {
                return false;
            }
        }

        NewLine(sb, indent, depth);
        sb.Append('}');
        return true;
    }

    static void NewLine(StringBuilder sb, string? indent, int depth)
    {
        if (indent is null)
        {
            return;
        }

        sb.Append('\n');
        for (var i = 0; i < depth; i++)
        {
            sb.Append(indent);
        }
    }

    static void WriteString(StringBuilder sb, string s, bool escapeHtml)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); continue;
                case '\\': sb.Append("\\\\"); continue;
                case '\n': sb.Append("\\n"); continue;
                case '\r': sb.Append("\\r"); continue;
                case '\t': sb.Append("\\t"); continue;
                case '\b': sb.Append("\\b"); continue;
                case '\f': sb.Append("\\f"); continue;
                case '\u2028': sb.Append("\\u2028"); continue;
                case '\u2029': sb.Append("\\u2029"); continue;
            }

            if (c < 0x20 || (escapeHtml && c is '<' or '>' or '&'))
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb.Append(c).Append(s[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                sb.Append("\\ufffd");
            }
            else
            {
                sb.Append(c);
            }
        }

        sb.Append('"');
    }
}
