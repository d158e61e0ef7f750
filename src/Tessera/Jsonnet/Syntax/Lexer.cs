using System.Globalization;

namespace Tessera.Jsonnet.Syntax;

/// <summary>Turns source text into tokens as the spec's lexical rules say (comments, four string forms, operator runs).</summary>
internal sealed partial class Lexer
{
    const string OperatorChars = "!$:~+-&|^=<>*/%";

    static readonly HashSet<string> Keywords =
    [
        "assert", "else", "error", "false", "for", "function", "if", "import", "importstr", "importbin", "in", "local", "null",
        "tailstrict", "then", "self", "super", "true",
    ];

    readonly string _text;
    readonly string _file;
    int _pos;
    int _line = 1;
    int _lineStart;

    Lexer(string text, string file)
    {
        _text = text;
        _file = file;
    }

    public static List<Token> Tokenize(string text, string file)
    {
        var lexer = new Lexer(text, file);
        var tokens = new List<Token>();
        Token token;
        do
        {
            token = lexer.Next();
            tokens.Add(token);
        }
        while (token.Kind != TokenKind.EndOfFile);

        return tokens;
    }

    SourceLocation Here => new(_file, _line, _pos - _lineStart + 1);

    char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    JsonnetException Error(string message, SourceLocation at) => JsonnetException.Static(message, at);

    void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _lineStart = _pos + 1;
        }

        _pos++;
    }

    void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                Advance();
            }
            else if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    Advance();
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var start = Here;
                var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error("multi-line comment has no terminating */", start);
                }

                while (_pos < end + 2)
                {
                    Advance();
                }
            }
            else
            {
                return;
            }
        }
    }

    Token Next()
    {
        SkipTrivia();
        var at = Here;
        if (_pos >= _text.Length)
        {
            return new Token(TokenKind.EndOfFile, "", at);
        }

        var c = _text[_pos];
        if (c is '{' or '}' or '[' or ']' or ',' or '.' or '(' or ')' or ';')
        {
            Advance();
            return new Token(TokenKind.Punctuation, c.ToString(), at);
        }

        if (c == '$')
        {
            Advance();
            return new Token(TokenKind.Dollar, "$", at);
        }

        if (char.IsAsciiDigit(c))
        {
            return LexNumber(at);
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            var start = _pos;
            while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            {
                Advance();
            }

            var word = _text[start.._pos];
            return new Token(Keywords.Contains(word) ? TokenKind.Keyword : TokenKind.Identifier, word, at);
        }

        if (c is '"' or '\'')
        {
            Advance();
            return new Token(TokenKind.String, LexQuoted(c, at), at);
        }

        if (c == '@' && Peek(1) is '"' or '\'')
        {
            Advance();
            var quote = _text[_pos];
            Advance();
            return new Token(TokenKind.String, LexVerbatim(quote, at), at);
        }

        if (c == '|' && Peek(1) == '|' && Peek(2) == '|')
        {
            return new Token(TokenKind.String, LexTextBlock(at), at);
        }

        if (OperatorChars.Contains(c, StringComparison.Ordinal))
        {
            return LexOperator(at);
        }

        throw Error($"unexpected character '{c}'", at);
    }

    Token LexNumber(SourceLocation at)
    {
        var start = _pos;
        while (char.IsAsciiDigit(Peek()))
        {
            Advance();
        }

        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            Advance();
            while (char.IsAsciiDigit(Peek()))
            {
                Advance();
            }
        }
        else if (Peek() == '.')
        {
            throw Error("a number's decimal point must be followed by a digit", Here);
        }

        if (Peek() is 'e' or 'E')
        {
            Advance();
            if (Peek() is '+' or '-')
            {
                Advance();
            }

            if (!char.IsAsciiDigit(Peek()))
            {
                throw Error("a number's exponent must have digits", Here);
            }

            while (char.IsAsciiDigit(Peek()))
            {
                Advance();
            }
        }

        var text = _text[start.._pos];
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw Error($"the number {text} is too large", at);
        }

        return new Token(TokenKind.Number, text, at, value);
    }

    Token LexOperator(SourceLocation at)
    {
        var start = _pos;
        var end = _pos;
        while (end < _text.Length && OperatorChars.Contains(_text[end], StringComparison.Ordinal) && _text[end] != '$')
        {
            // A comment or text block start ends the operator run.
            if ((_text[end] == '/' && end + 1 < _text.Length && _text[end + 1] is '/' or '*')
                || (_text[end] == '|' && end + 2 < _text.Length && _text[end + 1] == '|' && _text[end + 2] == '|'))
            {
                break;
            }

            end++;
        }

        if (end == start)
        {
            end = start + 1;
        }

        // Spec: a run longer than one character may not end in +, -, ~ or !, so "a:-1" is ":" then "-1".
        while (end - start > 1 && _text[end - 1] is '+' or '-' or '~' or '!')
        {
            end--;
        }

        while (_pos < end)
        {
            Advance();
        }

        return new Token(TokenKind.Operator, _text[start..end], at);
    }
}
