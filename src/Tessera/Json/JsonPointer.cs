using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Tessera.Json;

/// <summary>An RFC 6901 JSON Pointer: the original text plus its unescaped reference tokens.</summary>
internal sealed class JsonPointer
{
    private JsonPointer(string text, string[] tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    public static JsonPointer Root { get; } = new(string.Empty, []);

    /// <summary>The pointer as written, e.g. <c>/traits/a~1b</c>.</summary>
    public string Text { get; }

    public IReadOnlyList<string> Tokens { get; }

    public bool IsRoot => Tokens.Count == 0;

    public static bool TryParse(string text, [NotNullWhen(true)] out JsonPointer? pointer, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        pointer = null;
        if (text.Length == 0)
        {
            pointer = Root;
            error = null;
            return true;
        }

        if (text[0] != '/')
        {
            error = $"JSON pointer \"{text}\" must be empty or start with '/'";
            return false;
        }

        var raw = text[1..].Split('/');
        var tokens = new string[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            if (!TryUnescape(raw[i], out var token))
            {
                error = $"JSON pointer \"{text}\" has a '~' not followed by '0' or '1'";
                return false;
            }

            tokens[i] = token;
        }

        pointer = new JsonPointer(text, tokens);
        error = null;
        return true;
    }

    /// <summary>True when this pointer is a proper prefix of <paramref name="other"/> (RFC 6902 §4.4).</summary>
    public bool IsProperPrefixOf(JsonPointer other)
    {
        if (Tokens.Count >= other.Tokens.Count)
        {
            return false;
        }

        for (var i = 0; i < Tokens.Count; i++)
        {
            if (!string.Equals(Tokens[i], other.Tokens[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Parses an array index token: RFC 6901 §4 allows only "0" or digits without a leading zero.
    /// </summary>
    public static bool TryParseIndex(string token, out int index)
    {
        index = -1;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0'))
        {
            return false;
        }

        foreach (var c in token)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    public override string ToString() => Text;

    // RFC 6901 §4: "~1" becomes "/" and then "~0" becomes "~", so "~01" is "~1", not "/".
    private static bool TryUnescape(string raw, out string token)
    {
        if (!raw.Contains('~', StringComparison.Ordinal))
        {
            token = raw;
            return true;
        }

        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '~')
            {
                sb.Append(c);
                continue;
            }

            if (i + 1 >= raw.Length || (raw[i + 1] != '0' && raw[i + 1] != '1'))
            {
                token = string.Empty;
                return false;
            }

            sb.Append(raw[i + 1] == '0' ? '~' : '/');
            i++;
        }

        token = sb.ToString();
        return true;
    }
}
