namespace Tessera.Courier.Templates.GoText;

internal readonly record struct Token(TokenKind Kind, string Value, int Position, int Line)
{
    /// <summary>How Go's parser names a token in "unexpected …" messages.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.Eof => "EOF",
        TokenKind.Error => Value,
        >= TokenKind.Block => "<" + Value + ">",
        _ when Value.EnumerateRunes().Count() > 10 => GoQuote.Quote(string.Concat(Value.EnumerateRunes().Take(10))) + "...",
        _ => GoQuote.Quote(Value),
    };
}
