namespace Tessera.Jsonnet.Syntax;

/// <summary>One lexeme; <see cref="Text"/> is the unescaped value for strings and the spelling otherwise.</summary>
internal sealed record Token(TokenKind Kind, string Text, SourceLocation Location, double Number = 0)
{
    public bool Is(TokenKind kind, string text) => Kind == kind && Text == text;

    public bool IsPunctuation(string text) => Is(TokenKind.Punctuation, text);

    public bool IsOperator(string text) => Is(TokenKind.Operator, text);

    public bool IsKeyword(string text) => Is(TokenKind.Keyword, text);

    public string Describe() => Kind switch
    {
        TokenKind.EndOfFile => "end of file",
        TokenKind.String => "string literal",
        _ => $"\"{Text}\"",
    };
}
