using System.Globalization;
using System.Text;

namespace Tessera.Identities;

/// <summary>Character-level steps of identifier normalization that do not depend on ICU.</summary>
internal static class IdentifierCharacters
{
    /// <summary>
    /// Drops control (Cc), format (Cf: zero-width space/joiners, bidi marks and embeddings, BOM, soft hyphen),
    /// unpaired surrogates and other invisible code points that render as nothing but would make two identifiers differ.
    /// </summary>
    public static string RemoveInvisible(string text)
    {
        if (!ContainsInvisible(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(text[i], text[i + 1]);
                if (!IsInvisible(codePoint))
                {
                    sb.Append(text[i]).Append(text[i + 1]);
                }

                i++;
            }
            else if (!char.IsSurrogate(text[i]) && !IsInvisible(text[i]))
            {
                sb.Append(text[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Folds full-width ASCII (U+FF01–U+FF5E), the ideographic space and the full-width signs U+FFE0–U+FFE6 to their
    /// narrow forms. NFKC does the same, but is unavailable under InvariantGlobalization, so this step is explicit.
    /// </summary>
    public static string FoldWidth(string text)
    {
        var index = text.AsSpan().IndexOfAnyInRange('\u3000', '\uFFE6');
        if (index < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = index; i < chars.Length; i++)
        {
            chars[i] = FoldWidth(chars[i]);
        }

        return new string(chars);
    }

    /// <summary>
    /// True for <c>+</c> followed by digits and the usual separators only. Letters, <c>@</c> or extensions mean the
    /// text is not a bare phone number, so it is never rewritten as one.
    /// </summary>
    public static bool LooksLikeInternationalPhone(string text)
    {
        if (text.Length < 2 || text[0] != '+')
        {
            return false;
        }

        var digits = 0;
        foreach (var c in text.AsSpan(1))
        {
            if (c is >= '0' and <= '9')
            {
                digits++;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '/'))
            {
                return false;
            }
        }

        return digits > 0;
    }

    private static char FoldWidth(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        '\uFFE0' => '\u00A2',
        '\uFFE1' => '\u00A3',
        '\uFFE2' => '\u00AC',
        '\uFFE3' => '\u00AF',
        '\uFFE4' => '\u00A6',
        '\uFFE5' => '\u00A5',
        '\uFFE6' => '\u20A9',
        _ => c,
    };

    private static bool ContainsInvisible(string text)
    {
        foreach (var c in text)
        {
            if (char.IsSurrogate(c) || IsInvisible(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInvisible(int codePoint)
    {
        switch (CharUnicodeInfo.GetUnicodeCategory(codePoint))
        {
            case UnicodeCategory.Control:
            case UnicodeCategory.Format:
                return true;
        }

        return codePoint is
            0x034F // combining grapheme joiner
            or 0x115F or 0x1160 or 0x3164 or 0xFFA0 // Hangul fillers
            or 0x17B4 or 0x17B5 // Khmer inherent vowels
            or (>= 0x180B and <= 0x180F) // Mongolian variation selectors and vowel separator
            or (>= 0xFE00 and <= 0xFE0F) // variation selectors
            or (>= 0xE0100 and <= 0xE01EF); // variation selectors supplement
    }
}
