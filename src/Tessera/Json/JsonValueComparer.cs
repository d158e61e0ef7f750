using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Json;

/// <summary>
/// Structural JSON equality as RFC 6902 §4.6 defines it for <c>test</c>: numbers by value (<c>1</c>, <c>1.0</c> and
/// <c>1e0</c> are equal), strings by code units, objects regardless of member order, arrays element by element.
/// </summary>
internal static class JsonValueComparer
{
    public static bool AreEqual(JsonNode? left, JsonNode? right)
    {
        var leftKind = KindOf(left);
        var rightKind = KindOf(right);
        if (leftKind != rightKind)
        {
            return false;
        }

        switch (leftKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return true;
            case JsonValueKind.String:
                return string.Equals(StringOf(left!), StringOf(right!), StringComparison.Ordinal);
            case JsonValueKind.Number:
                return NumbersEqual(left!.ToJsonString(), right!.ToJsonString());
            case JsonValueKind.Array:
                var leftArray = (JsonArray)left!;
                var rightArray = (JsonArray)right!;
                if (leftArray.Count != rightArray.Count)
                {
                    return false;
                }

                for (var i = 0; i < leftArray.Count; i++)
                {
                    if (!AreEqual(leftArray[i], rightArray[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                var leftObject = (JsonObject)left!;
                var rightObject = (JsonObject)right!;
                if (leftObject.Count != rightObject.Count)
                {
                    return false;
                }

                foreach (var (name, value) in leftObject)
                {
                    if (!rightObject.TryGetPropertyValue(name, out var other) || !AreEqual(value, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private static JsonValueKind KindOf(JsonNode? node) => node is null ? JsonValueKind.Null : node.GetValueKind();

    private static string? StringOf(JsonNode node)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var s))
        {
            return s;
        }

        // Values built from CLR types such as Guid report kind String without being stored as one.
        using var parsed = JsonDocument.Parse(node.ToJsonString());
        return parsed.RootElement.GetString();
    }

    private static bool NumbersEqual(string left, string right) =>
        string.Equals(left, right, StringComparison.Ordinal)
        || (TryCanonical(left, out var l) && TryCanonical(right, out var r) && l == r);

    /// <summary>
    /// Reduces a JSON number to (sign, significant digits, exponent) without rounding, so arbitrarily large or precise
    /// numbers compare exactly rather than through double.
    /// </summary>
    private static bool TryCanonical(string text, out (bool Negative, string Digits, BigInteger Exponent) canonical)
    {
        canonical = default;
        var i = 0;
        var negative = i < text.Length && text[i] == '-';
        if (negative)
        {
            i++;
        }

        var digits = new StringBuilder();
        var fractionLength = 0;
        var seenPoint = false;
        for (; i < text.Length && text[i] != 'e' && text[i] != 'E'; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                seenPoint = true;
            }
            else if (c is >= '0' and <= '9')
            {
                digits.Append(c);
                if (seenPoint)
                {
                    fractionLength++;
                }
            }
            else
            {
                return false;
            }
        }

        var exponent = BigInteger.Zero;
        if (i < text.Length)
        {
            if (!BigInteger.TryParse(text.AsSpan(i + 1).TrimStart('+'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return false;
            }
        }

        var significant = digits.ToString().TrimStart('0');
        exponent -= fractionLength;
        var trimmed = significant.TrimEnd('0');
        exponent += significant.Length - trimmed.Length;

        // Zero has no significant digits; -0 equals 0.
        canonical = trimmed.Length == 0 ? (false, string.Empty, BigInteger.Zero) : (negative, trimmed, exponent);
        return true;
    }
}
