namespace Tessera.Jsonnet.Evaluation;

/// <summary>A string seen as Jsonnet sees it, a sequence of code points; cheap when the text has no surrogate pairs.</summary>
internal readonly struct CodePoints
{
    readonly string _text;
    readonly int[]? _starts;

    public CodePoints(string text)
    {
        _text = text;
        _starts = null;
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return;
        }

        var starts = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            starts.Add(i);
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
        }

        _starts = [.. starts];
    }

    public int Length => _starts?.Length ?? _text.Length;

    /// <summary>The code point at <paramref name="index"/>, as a string of one or two UTF-16 units.</summary>
    public string At(int index)
    {
        if (_starts is null)
        {
            return _text[index].ToString();
        }

        var start = _starts[index];
        var end = index + 1 < _starts.Length ? _starts[index + 1] : _text.Length;
        return _text[start..end];
    }

    /// <summary>The code points from <paramref name="start"/>, at most <paramref name="count"/> of them.</summary>
    public string Substring(int start, int count)
    {
        if (start >= Length || count <= 0)
        {
            return "";
        }

        var end = (int)Math.Min((long)start + count, Length);
        if (_starts is null)
        {
            return _text[start..end];
        }

        var from = _starts[start];
        var to = end < _starts.Length ? _starts[end] : _text.Length;
        return _text[from..to];
    }

    /// <summary>The code point at <paramref name="index"/>; a lone surrogate (possible from a \u escape) is its own value.</summary>
    public int CodePointAt(int index)
    {
        var text = At(index);
        return text.Length == 2 ? char.ConvertToUtf32(text[0], text[1]) : text[0];
    }

    public static string FromCodePoint(int codePoint) => char.ConvertFromUtf32(codePoint);

    public IEnumerable<string> Each()
    {
        for (var i = 0; i < Length; i++)
        {
            yield return At(i);
        }
    }

    public static bool IsSingle(string text) => new CodePoints(text).Length == 1;

    public override string ToString() => _text;
}
