using System.Buffers.Text;
using System.Security.Cryptography;

namespace Tessera.Hashing;

internal static partial class HashFormats
{
    /// <summary>
    /// Decodes standard base64, with or without padding as the format demands. Only the canonical spelling is
    /// accepted (no whitespace, no stray bits), like Go's strict decoders that Kratos uses.
    /// </summary>
    internal static bool TryDecodeBase64(string text, bool padded, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0)
        {
            return true;
        }

        if (!padded && text.Contains('=', StringComparison.Ordinal))
        {
            return false;
        }

        var candidate = padded ? text : text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        if (candidate.Length % 4 != 0 || !Base64.IsValid(candidate.AsSpan()))
        {
            return false;
        }

        var buffer = new byte[candidate.Length / 4 * 3];
        if (!Convert.TryFromBase64String(candidate, buffer, out var written))
        {
            return false;
        }

        var decoded = buffer[..written];
        if (!string.Equals(Convert.ToBase64String(decoded), candidate, StringComparison.Ordinal))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }

    internal static string EncodeBase64Unpadded(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    /// <summary>Parses <c>a=1,b=2</c> with exactly the given names in order; values are non-negative integers.</summary>
    internal static bool TryParseParameters(string segment, ReadOnlySpan<string> names, Span<long> values)
    {
        var pairs = segment.Split(',');
        if (pairs.Length != names.Length)
        {
            return false;
        }

        for (var i = 0; i < names.Length; i++)
        {
            var pair = pairs[i];
            var name = names[i];
            if (pair.Length <= name.Length + 1 || !pair.StartsWith(name, StringComparison.Ordinal) || pair[name.Length] != '=')
            {
                return false;
            }

            if (!TryParseDigits(pair.AsSpan(name.Length + 1), out values[i]))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool TryParseDigits(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 18)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>Constant-time comparison that also refuses empty digests, which would match any password.</summary>
    private static bool SameDigest(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual) =>
        !expected.IsEmpty && CryptographicOperations.FixedTimeEquals(expected, actual);

    /// <summary>
    /// Substitutes <c>{SALT}</c> and <c>{PASSWORD}</c> in a salting pattern in one left-to-right pass; inserted bytes
    /// are not scanned again, so a password containing "{SALT}" stays literal.
    /// </summary>
    private static byte[] ApplyPattern(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> password)
    {
        ReadOnlySpan<byte> saltToken = "{SALT}"u8;
        ReadOnlySpan<byte> passwordToken = "{PASSWORD}"u8;
        var output = new List<byte>(pattern.Length + salt.Length + password.Length);
        var i = 0;
        while (i < pattern.Length)
        {
            var rest = pattern[i..];
            if (rest.StartsWith(saltToken))
            {
                output.AddRange(salt);
                i += saltToken.Length;
            }
            else if (rest.StartsWith(passwordToken))
            {
                output.AddRange(password);
                i += passwordToken.Length;
            }
            else
            {
                output.Add(pattern[i]);
                i++;
            }
        }

        return [.. output];
    }
}
