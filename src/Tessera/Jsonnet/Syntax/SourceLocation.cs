namespace Tessera.Jsonnet.Syntax;

/// <summary>Where a token or expression starts: file name, 1-based line and column.</summary>
internal readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
