namespace Tessera.Jsonnet.Evaluation;

/// <summary>
/// Orders strings by Unicode code point, as Jsonnet does (field order, <c>&lt;</c>, <c>std.sort</c>). Plain UTF-16
/// ordinal order differs only when a surrogate pair meets a character from U+E000 to U+FFFF.
/// </summary>
internal sealed class CodePointComparer : IComparer<string>
{
    public static readonly CodePointComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            var a = x[i];
            var b = y[i];
            if (a == b)
            {
                continue;
            }

            if (char.IsSurrogate(a) != char.IsSurrogate(b))
            {
                return char.IsSurrogate(a) ? 1 : -1;
            }

            return a.CompareTo(b);
        }

        return x.Length.CompareTo(y.Length);
    }
}
