using System.Globalization;
using System.Text;

namespace Tessera.Courier.Templates.GoText;

/// <summary>
/// Splits template text into tokens the way Go's text/template/parse lexer does: text, {{ }} actions with "{{- " and
/// " -}}" trim markers, comments that must touch the delimiters, and newlines allowed inside actions (Go 1.16+).
/// The whole input is tokenized up front; the first error ends the list with an <see cref="TokenKind.Error"/> token.
/// </summary>
internal sealed class Lexer
{
    const string LeftDelim = "{{";
    const string RightDelim = "}}";

    static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.Ordinal)
    {
        ["block"] = TokenKind.Block,
        ["break"] = TokenKind.Break,
        ["continue"] = TokenKind.Continue,
        ["define"] = TokenKind.Define,
        ["else"] = TokenKind.Else,
        ["end"] = TokenKind.End,
        ["if"] = TokenKind.If,
        ["nil"] = TokenKind.Nil,
        ["range"] = TokenKind.Range,
        ["template"] = TokenKind.Template,
        ["with"] = TokenKind.With,
    };

    readonly string _input;
    readonly List<int> _lineStarts = [0];
    readonly List<Token> _tokens = [];
    int _pos;
    int _start;
    int _parenDepth;

    Lexer(string input)
    {
        _input = input;
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public static List<Token> Tokenize(string input)
    {
        var lexer = new Lexer(input);
        lexer.Run();
        return lexer._tokens;
    }

    /// <summary>The 1-based line of a character offset.</summary>
    public static int LineOf(string input, int position)
    {
        var line = 1;
        for (var i = 0; i < position && i < input.Length; i++)
        {
            if (input[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    int LineAt(int position)
    {
        var index = _lineStarts.BinarySearch(position);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    void Run()
    {
        while (LexText())
        {
        }
    }

    void Emit(TokenKind kind)
    {
        _tokens.Add(new Token(kind, _input[_start.._pos], _start, LineAt(_start)));
        _start = _pos;
    }

    bool Error(string message)
    {
        _tokens.Add(new Token(TokenKind.Error, message, _start, LineAt(_pos)));
        return false;
    }

    static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    static bool IsAlphaNumeric(int rune) => rune == '_' || Rune.IsLetter(new Rune(rune)) || Rune.IsDigit(new Rune(rune));

    int RuneAt(int position) =>
        position >= _input.Length ? -1 : Rune.GetRuneAt(_input, position).Value;

    int RuneWidth(int position) => position >= _input.Length ? 0 : Rune.GetRuneAt(_input, position).Utf16SequenceLength;

    bool HasLeftTrimMarker(int position) =>
        position + 1 < _input.Length && _input[position] == '-' && IsSpace(_input[position + 1]);

    bool HasRightTrimMarker(int position) =>
        position + 1 < _input.Length && IsSpace(_input[position]) && _input[position + 1] == '-';

    /// <summary>At a right delimiter, possibly with a trim marker before it.</summary>
    (bool Delim, bool Trim) AtRightDelim()
    {
        if (string.CompareOrdinal(_input, _pos, RightDelim, 0, 2) == 0)
        {
            return (true, false);
        }

        if (HasRightTrimMarker(_pos) && string.CompareOrdinal(_input, _pos + 2, RightDelim, 0, 2) == 0)
        {
            return (true, true);
        }

        return (false, false);
    }

    int LeftTrimLength(int from)
    {
        var i = from;
        while (i < _input.Length && IsSpace(_input[i]))
        {
            i++;
        }

        return i - from;
    }

    /// <summary>Scans text up to the next action; returns false at the end of input or on an error.</summary>
    bool LexText()
    {
        var x = _input.IndexOf(LeftDelim, _pos, StringComparison.Ordinal);
        if (x < 0)
        {
            _pos = _input.Length;
            if (_pos > _start)
            {
                Emit(TokenKind.Text);
            }

            Emit(TokenKind.Eof);
            return false;
        }

        _pos = x;
        var trim = HasLeftTrimMarker(x + LeftDelim.Length);
        var textEnd = x;
        if (trim)
        {
            while (textEnd > _start && IsSpace(_input[textEnd - 1]))
            {
                textEnd--;
            }
        }

        if (textEnd > _start)
        {
            var keep = _pos;
            _pos = textEnd;
            Emit(TokenKind.Text);
            _pos = keep;
        }

        _start = _pos;
        return LexLeftDelim(trim);
    }

    bool LexLeftDelim(bool trim)
    {
        _pos += LeftDelim.Length;
        var afterMarker = trim ? 2 : 0;
        if (string.CompareOrdinal(_input, _pos + afterMarker, "/*", 0, 2) == 0)
        {
            _pos += afterMarker;
            _start = _pos;
            return LexComment();
        }

        Emit(TokenKind.LeftDelim);
        _pos += afterMarker;
        _start = _pos;
        _parenDepth = 0;
        return LexInsideAction();
    }

    bool LexComment()
    {
        _pos += 2;
        var end = _input.IndexOf("*/", _pos, StringComparison.Ordinal);
        if (end < 0)
        {
            return Error("unclosed comment");
        }

        _pos = end + 2;
        var (delim, trim) = AtRightDelim();
        if (!delim)
        {
            return Error("comment ends before closing delimiter");
        }

        _pos += (trim ? 2 : 0) + RightDelim.Length;
        if (trim)
        {
            _pos += LeftTrimLength(_pos);
        }

        _start = _pos;
        return true;
    }

    void LexRightDelim(bool trim)
    {
        if (trim)
        {
            _pos += 2;
            _start = _pos;
        }

        _pos += RightDelim.Length;
        Emit(TokenKind.RightDelim);
        if (trim)
        {
            _pos += LeftTrimLength(_pos);
            _start = _pos;
        }
    }

    bool LexInsideAction()
    {
        while (true)
        {
            var (delim, trim) = AtRightDelim();
            if (delim)
            {
                if (_parenDepth != 0)
                {
                    return Error("unclosed left paren");
                }

                LexRightDelim(trim);
                return true;
            }

            if (_pos >= _input.Length)
            {
                return Error("unclosed action");
            }

            var c = _input[_pos];
            if (IsSpace(c))
            {
                LexSpace();
                continue;
            }

            switch (c)
            {
                case ':':
                    _pos++;
                    if (_pos >= _input.Length || _input[_pos] != '=')
                    {
                        return Error("expected :=");
                    }

                    _pos++;
                    Emit(TokenKind.Declare);
                    continue;
                case '|':
                    _pos++;
                    Emit(TokenKind.Pipe);
                    continue;
                case '"':
                    if (!LexQuote())
                    {
                        return false;
                    }

                    continue;
                case '`':
                    if (!LexRawQuote())
                    {
                        return false;
                    }

                    continue;
                case '$':
                    _pos++;
                    if (!LexFieldOrVariable(TokenKind.Variable))
                    {
                        return false;
                    }

                    continue;
                case '\'':
                    if (!LexChar())
                    {
                        return false;
                    }

                    continue;
                case '.':
                    if (_pos + 1 < _input.Length && !char.IsAsciiDigit(_input[_pos + 1]))
                    {
                        _pos++;
                        if (!LexFieldOrVariable(TokenKind.Field))
                        {
                            return false;
                        }

                        continue;
                    }

                    if (!LexNumber())
                    {
                        return false;
                    }

                    continue;
                case '(':
                    _pos++;
                    Emit(TokenKind.LeftParen);
                    _parenDepth++;
                    continue;
                case ')':
                    _pos++;
                    Emit(TokenKind.RightParen);
                    _parenDepth--;
                    if (_parenDepth < 0)
                    {
                        return Error("unexpected right paren");
                    }

                    continue;
                case '=':
                    _pos++;
                    Emit(TokenKind.Assign);
                    continue;
            }

            if (c is '+' or '-' || char.IsAsciiDigit(c))
            {
                if (!LexNumber())
                {
                    return false;
                }

                continue;
            }

            var rune = RuneAt(_pos);
            if (IsAlphaNumeric(rune))
            {
                if (!LexIdentifier())
                {
                    return false;
                }

                continue;
            }

            if (c < 0x7f && !char.IsControl(c))
            {
                _pos++;
                Emit(TokenKind.Char);
                continue;
            }

            return Error($"unrecognized character in action: {DescribeRune(rune)}");
        }
    }

    void LexSpace()
    {
        var spaces = 0;
        while (_pos < _input.Length && IsSpace(_input[_pos]))
        {
            _pos++;
            spaces++;
        }

        // The last space may belong to a " -}}" trim marker; leave it for the delimiter.
        if (HasRightTrimMarker(_pos - 1) && string.CompareOrdinal(_input, _pos + 1, RightDelim, 0, 2) == 0)
        {
            _pos--;
            if (spaces == 1)
            {
                return;
            }
        }

        Emit(TokenKind.Space);
    }

    bool AtTerminator()
    {
        if (_pos >= _input.Length)
        {
            return true;
        }

        var c = _input[_pos];
        return IsSpace(c) || c is '.' or ',' or '|' or ':' or ')' or '(' || c == RightDelim[0];
    }

    bool LexIdentifier()
    {
        while (IsAlphaNumeric(RuneAt(_pos)))
        {
            _pos += RuneWidth(_pos);
        }

        if (!AtTerminator())
        {
            return Error($"bad character {DescribeRune(RuneAt(_pos))}");
        }

        var word = _input[_start.._pos];
        if (Keywords.TryGetValue(word, out var keyword))
        {
            Emit(keyword);
        }
        else if (word is "true" or "false")
        {
            Emit(TokenKind.Bool);
        }
        else
        {
            Emit(TokenKind.Identifier);
        }

        return true;
    }

    /// <summary>After the '.' or '$': a name, or the bare dot / dollar.</summary>
    bool LexFieldOrVariable(TokenKind kind)
    {
        if (AtTerminator())
        {
            Emit(kind == TokenKind.Variable ? TokenKind.Variable : TokenKind.Dot);
            return true;
        }

        while (IsAlphaNumeric(RuneAt(_pos)))
        {
            _pos += RuneWidth(_pos);
        }

        if (!AtTerminator())
        {
            return Error($"bad character {DescribeRune(RuneAt(_pos))}");
        }

        Emit(kind);
        return true;
    }

    bool LexChar() => LexDelimited('\'', "unterminated character constant", TokenKind.CharConstant);

    bool LexQuote() => LexDelimited('"', "unterminated quoted string", TokenKind.String);

    bool LexDelimited(char quote, string unterminated, TokenKind kind)
    {
        _pos++;
        while (true)
        {
            if (_pos >= _input.Length || _input[_pos] == '\n')
            {
                return Error(unterminated);
            }

            var c = _input[_pos++];
            if (c == '\\')
            {
                if (_pos >= _input.Length || _input[_pos] == '\n')
                {
                    return Error(unterminated);
                }

                _pos++;
            }
            else if (c == quote)
            {
                break;
            }
        }

        Emit(kind);
        return true;
    }

    bool LexRawQuote()
    {
        var end = _input.IndexOf('`', _pos + 1);
        if (end < 0)
        {
            return Error("unterminated raw quoted string");
        }

        _pos = end + 1;
        Emit(TokenKind.RawString);
        return true;
    }

    bool LexNumber()
    {
        if (!ScanNumber())
        {
            return Error($"bad number syntax: {GoQuote.Quote(_input[_start.._pos])}");
        }

        if (_pos < _input.Length && _input[_pos] is '+' or '-')
        {
            // Go reads 1+2i as one complex constant; Tessera has no complex numbers.
            ScanNumber();
            return Error($"bad number syntax: {GoQuote.Quote(_input[_start.._pos])}");
        }

        Emit(TokenKind.Number);
        return true;
    }

    bool Accept(string valid)
    {
        if (_pos < _input.Length && valid.Contains(_input[_pos], StringComparison.Ordinal))
        {
            _pos++;
            return true;
        }

        return false;
    }

    void AcceptRun(string valid)
    {
        while (Accept(valid))
        {
        }
    }

    bool ScanNumber()
    {
        Accept("+-");
        var digits = "0123456789_";
        var exponent = "eE";
        if (Accept("0"))
        {
            if (Accept("xX"))
            {
                digits = "0123456789abcdefABCDEF_";
                exponent = "pP";
            }
            else if (Accept("oO"))
            {
                digits = "01234567_";
                exponent = "";
            }
            else if (Accept("bB"))
            {
                digits = "01_";
                exponent = "";
            }
        }

        AcceptRun(digits);
        if (Accept("."))
        {
            AcceptRun(digits);
        }

        if (exponent.Length > 0 && Accept(exponent))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        Accept("i");
        if (_pos < _input.Length && IsAlphaNumeric(RuneAt(_pos)))
        {
            _pos += RuneWidth(_pos);
            return false;
        }

        return true;
    }

    static string DescribeRune(int rune) =>
        rune < 0
            ? "EOF"
            : string.Create(CultureInfo.InvariantCulture, $"U+{rune:X4} '{char.ConvertFromUtf32(rune)}'");
}
