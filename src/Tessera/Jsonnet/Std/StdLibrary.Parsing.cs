using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Jsonnet.Evaluation;

namespace Tessera.Jsonnet.Std;

internal static partial class StdLibrary
{
    static void DefineParsing(Definer std)
    {
        std.Function("parseInt", ["str"], a => ParseInteger(a, 10, allowSign: true));
        std.Function("parseOctal", ["str"], a => ParseInteger(a, 8, allowSign: false));
        std.Function("parseHex", ["str"], a => ParseInteger(a, 16, allowSign: false));
        std.Function("parseJson", ["str"], a =>
        {
            try
            {
                using var document = JsonDocument.Parse(a.String(0), new JsonDocumentOptions { MaxDepth = 1000 });
                return FromJson(document.RootElement);
            }
            catch (JsonException e)
            {
                throw a.Error("failed to parse JSON: " + e.Message);
            }
        });
        std.Function("parseYaml", ["str"], a =>
        {
            IReadOnlyList<JsonNode?> documents;
            try
            {
                documents = YamlConfigReader.ReadAll(a.String(0));
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                throw a.Error("failed to parse YAML: " + e.Message);
            }

            // As in Jsonnet: a stream of several documents is an array of them.
            return documents.Count == 1 ? FromJson(documents[0]) : Arr(documents.Select(d => (Thunk)FromJson(d)));
        });
    }

    static Value ParseInteger(BuiltinArguments a, int radix, bool allowSign)
    {
        var text = a.String(0);
        var digits = allowSign && text.StartsWith('-') ? text[1..] : text;
        if (digits.Length == 0)
        {
            throw a.Error($"Not an integer: \"{text}\"");
        }

        double value = 0;
        foreach (var c in digits)
        {
            var digit = Tessera.Text.Digits.Value(c);
            if (digit >= radix)
            {
                throw a.Error($"{text} is not a base {radix} integer");
            }

            value = (value * radix) + digit;
        }

        return Num(digits.Length == text.Length ? value : -value);
    }

    static Value FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ObjectOf(element.EnumerateObject().Select(p => new KeyValuePair<string, Thunk>(p.Name, FromJson(p.Value)))),
        JsonValueKind.Array => Arr(element.EnumerateArray().Select(e => (Thunk)FromJson(e))),
        JsonValueKind.String => Str(element.GetString()!),
        JsonValueKind.Number => Num(element.GetDouble()),
        JsonValueKind.True => BooleanValue.True,
        JsonValueKind.False => BooleanValue.False,
        _ => NullValue.Instance,
    };

    static Value FromJson(JsonNode? node) => node switch
    {
        null => NullValue.Instance,
        JsonObject obj => ObjectOf(obj.Select(p => new KeyValuePair<string, Thunk>(p.Key, FromJson(p.Value)))),
        JsonArray array => Arr(array.Select(e => (Thunk)FromJson(e))),
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => Str(node.GetValue<string>()),
            JsonValueKind.Number => Num(double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
            JsonValueKind.True => BooleanValue.True,
            JsonValueKind.False => BooleanValue.False,
            _ => NullValue.Instance,
        },
    };
}
