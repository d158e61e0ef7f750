namespace Tessera.Jsonnet.Syntax;

internal enum TokenKind
{
    Identifier,
    Keyword,
    Number,
    String,
    Operator,
    Punctuation,
    Dollar,
    EndOfFile,
}
