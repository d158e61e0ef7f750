using System.Globalization;

namespace Tessera.Config;

/// <summary>
/// Kratos's byte sizes (<c>hashers.argon2.memory: 128MB</c>): a whole number and a unit, as the schema's pattern
/// <c>^[0-9]+(B|KB|MB|GB|TB|PB|EB)</c> allows. Units are powers of 1024, as in the Go library Kratos uses, so
/// <c>1KB</c> is 1024 bytes.
/// </summary>
internal static class ByteSize
{
    private static readonly (string Unit, int Shift)[] Units =
        [("KB", 10), ("MB", 20), ("GB", 30), ("TB", 40), ("PB", 50), ("EB", 60), ("B", 0)];

    public static long Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    public static bool TryParse(string? text, out long bytes, out string error)
    {
        bytes = 0;
        error = "";
        var digits = 0;
        while (text is not null && digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        var unit = text is null ? "" : text[digits..];
        var shift = Array.FindIndex(Units, u => u.Unit == unit) is var i and >= 0 ? Units[i].Shift : -1;
        if (text is null || digits == 0 || shift < 0)
        {
            error = $"invalid byte size \"{text}\": expected a whole number and one of the units B, KB, MB, GB, TB, PB, EB (powers of 1024), such as 128MB";
            return false;
        }

        if (!long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number > long.MaxValue >> shift)
        {
            error = $"invalid byte size \"{text}\": too large";
            return false;
        }

        bytes = number << shift;
        return true;
    }
}
