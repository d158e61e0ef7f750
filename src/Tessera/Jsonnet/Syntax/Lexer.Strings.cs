using System.Globalization;
using System.Text;

namespace Tessera.Jsonnet.Syntax;

internal sealed partial class Lexer
{
    string LexQuoted(char quote, SourceLocation at)
    {
        var result = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error("string has no closing quote", at);
            }

            var c = _text[_pos];
            if (c == quote)
            {
                Advance();
                return result.ToString();
            }

            if (c != '\\')
            {
                result.Append(c);
                Advance();
                continue;
            }

            var escapeAt = Here;
            Advance();
            if (_pos >= _text.Length)
            {
                throw Error("string has no closing quote", at);
            }

            var e = _text[_pos];
            Advance();
            switch (e)
            {
                case '"' or '\'' or '\\' or '/':
                    result.Append(e);
                    break;
                case 'b': result.Append('\b'); break;
                case 'f': result.Append('\f'); break;
                case 'n': result.Append('\n'); break;
                case 'r': result.Append('\r'); break;
                case 't': result.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length
                        || !int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("\\u must be followed by four hexadecimal digits", escapeAt);
                    }

                    // Surrogate pairs written as two \u escapes join up by themselves in a UTF-16 string.
                    result.Append((char)code);
                    for (var i = 0; i < 4; i++)
                    {
                        Advance();
                    }

                    break;
                default:
                    throw Error($"unknown escape sequence \\{e}", escapeAt);
            }
        }
    }

    string LexVerbatim(char quote, SourceLocation at)
    {
        var result = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error("verbatim string has no closing quote", at);
            }

            var c = _text[_pos];
            Advance();
            if (c != quote)
            {
                result.Append(c);
            }
            else if (Peek() == quote)
            {
                result.Append(quote);
                Advance();
            }
            else
            {
                return result.ToString();
            }
        }
    }

    // Spec: the first line's leading whitespace is the block's indentation; every other non-empty line must start with it,
    // and a line indented less that holds ||| ends the block. "|||-" drops the final newline.
    string LexTextBlock(SourceLocation at)
    {
        for (var i = 0; i < 3; i++)
        {
            Advance();
        }

        var chomp = false;
        if (Peek() == '-')
        {
            chomp = true;
            Advance();
        }

        while (Peek() is ' ' or '\t' or '\r')
        {
            Advance();
        }

        if (Peek() != '\n')
        {
            throw Error("text block syntax requires new line after |||", at);
        }

        Advance();
        var result = new StringBuilder();
        while (Peek() == '\n')
        {
            result.Append('\n');
            Advance();
        }

        var indentStart = _pos;
        while (Peek() is ' ' or '\t')
        {
            Advance();
        }

        var indent = _text[indentStart.._pos];
        if (indent.Length == 0)
        {
            throw Error("text block's first line must start with whitespace", at);
        }

        while (true)
        {
            // At the start of a line's content (indentation already consumed).
            while (_pos < _text.Length && _text[_pos] != '\n')
            {
                result.Append(_text[_pos]);
                Advance();
            }

            if (_pos >= _text.Length)
            {
                throw Error("text block not terminated with |||", at);
            }

            result.Append('\n');
            Advance();
            while (Peek() == '\n')
            {
                result.Append('\n');
                Advance();
            }

            if (string.CompareOrdinal(_text, _pos, indent, 0, indent.Length) == 0)
            {
                for (var i = 0; i < indent.Length; i++)
                {
                    Advance();
                }

                continue;
            }

            while (Peek() is ' ' or '\t')
            {
                Advance();
            }

            if (Peek() == '|' && Peek(1) == '|' && Peek(2) == '|')
            {
                for (var i = 0; i < 3; i++)
                {
                    Advance();
                }

                if (chomp && result.Length > 0 && result[^1] == '\n')
                {
                    result.Length--;
                }

                return result.ToString();
            }

            throw Error("text block not terminated with |||", at);
        }
    }
}
