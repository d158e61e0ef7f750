using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tessera.Config;

/// <summary>
/// Turns YAML into JSON nodes the way Kratos (go-yaml v3) types plain scalars: YAML 1.2 core schema plus
/// go-yaml's leniencies (underscores in numbers, 0777 octals). The representation model is used because
/// YamlDotNet's deserializer relies on reflection and breaks under NativeAOT.
/// </summary>
internal static partial class YamlConfigReader
{
    private const string MergeKey = "<<";

    public static JsonNode? Read(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0)
        {
            return null;
        }

        return Convert(stream.Documents[0].RootNode);
    }

    /// <summary>Every document of a YAML stream (Jsonnet's <c>std.parseYaml</c> reads streams too).</summary>
    public static IReadOnlyList<JsonNode?> ReadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents.Select(d => Convert(d.RootNode))];
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new YamlException(node.Start, node.End, "unsupported YAML node"),
    };

    private static JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = keyNode is YamlScalarNode s ? s.Value ?? "" : keyNode.ToString();
            if (key == MergeKey && keyNode is YamlScalarNode { Style: ScalarStyle.Plain })
            {
                continue;
            }

            result[key] = Convert(valueNode);
        }

        // go-yaml honours "<<" merge keys; keys written explicitly in the mapping win over merged ones.
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: MergeKey, Style: ScalarStyle.Plain })
            {
                continue;
            }

            var sources = valueNode is YamlSequenceNode seq ? seq.Children : [valueNode];
            foreach (var source in sources)
            {
                if (Convert(source) is not JsonObject merged)
                {
                    throw new YamlException(source.Start, source.End, "a \"<<\" merge value must be a mapping");
                }

                foreach (var (k, v) in merged.ToList())
                {
                    if (!result.ContainsKey(k))
                    {
                        merged.Remove(k);
                        result[k] = v;
                    }
                }
            }
        }

        return result;
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag == "tag:yaml.org,2002:str" || (tag is null && scalar.Style != ScalarStyle.Plain))
        {
            return JsonValue.Create(value);
        }

        return Resolve(value);
    }

    /// <summary>Types a plain scalar as go-yaml v3's resolver does.</summary>
    internal static JsonNode? Resolve(string value)
    {
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        // Only scalars starting like a number are tried as one, as in go-yaml ("1h" stays a string).
        var first = value[0];
        if (!(char.IsAsciiDigit(first) || first is '+' or '-' or '.'))
        {
            return JsonValue.Create(value);
        }

        var plain = value.Replace("_", "", StringComparison.Ordinal);
        if (TryParseGoInteger(plain, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (TryParseGoUnsigned(plain, out var unsigned))
        {
            return JsonValue.Create(unsigned);
        }

        if (YamlFloat().IsMatch(plain)
            && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number))
        {
            return JsonValue.Create(number);
        }

        // ".inf" and ".nan" have no JSON form; they stay strings and the schema reports them.
        return JsonValue.Create(value);
    }

    // strconv.ParseInt(s, 0, 64): optional sign, then 0x / 0o / 0b / leading-0 octal / decimal.
    private static bool TryParseGoInteger(string text, out long value)
    {
        value = 0;
        var negative = text.StartsWith('-');
        var body = text.StartsWith('-') || text.StartsWith('+') ? text[1..] : text;
        if (!TryParseMagnitude(body, out var magnitude))
        {
            return false;
        }

        if (negative)
        {
            if (magnitude > (ulong)long.MaxValue + 1)
            {
                return false;
            }

            value = magnitude == (ulong)long.MaxValue + 1 ? long.MinValue : -(long)magnitude;
            return true;
        }

        if (magnitude > long.MaxValue)
        {
            return false;
        }

        value = (long)magnitude;
        return true;
    }

    private static bool TryParseGoUnsigned(string text, out ulong value)
    {
        value = 0;
        return !text.StartsWith('-') && TryParseMagnitude(text.StartsWith('+') ? text[1..] : text, out value);
    }

    private static bool TryParseMagnitude(string body, out ulong value)
    {
        value = 0;
        var (digits, radix) = body switch
        {
            _ when body.StartsWith("0x", StringComparison.OrdinalIgnoreCase) => (body[2..], 16),
            _ when body.StartsWith("0o", StringComparison.OrdinalIgnoreCase) => (body[2..], 8),
            _ when body.StartsWith("0b", StringComparison.OrdinalIgnoreCase) => (body[2..], 2),
            _ when body.Length > 1 && body[0] == '0' => (body[1..], 8),
            _ => (body, 10),
        };
        if (digits.Length == 0)
        {
            return false;
        }

        foreach (var c in digits)
        {
            var digit = Tessera.Text.Digits.Value(c);
            if (digit >= radix)
            {
                return false;
            }

            if (value > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                return false;
            }

            value = (value * (ulong)radix) + (ulong)digit;
        }

        return true;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlFloat();
}
