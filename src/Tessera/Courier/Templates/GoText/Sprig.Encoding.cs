using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Tessera.Courier.Templates.GoText.ParamKind;

namespace Tessera.Courier.Templates.GoText;

internal static partial class Sprig
{
    static void RegisterEncoding(Dictionary<string, GoFunction> t)
    {
        FunctionTable.Add(t, "b64enc", static (_, a) => Convert.ToBase64String(Encoding.UTF8.GetBytes((string)a[0]!)), ParamKind.String);
        FunctionTable.Add(t, "b64dec", static (_, a) => Base64Decode((string)a[0]!), ParamKind.String);

        // The plain forms swallow errors and answer "" (or nil), the must forms stop the template.
        FunctionTable.Add(t, "toJson", static (_, a) => GoJson.Marshal(a[0]) ?? "", Any);
        FunctionTable.Add(t, "toPrettyJson", static (_, a) => GoJson.Marshal(a[0], indent: "  ") ?? "", Any);
        FunctionTable.Add(t, "toRawJson", static (_, a) => GoJson.Marshal(a[0], escapeHtml: false) ?? "", Any);
        FunctionTable.Add(t, "mustToJson", static (_, a) => GoJson.Marshal(a[0]) ?? throw UnsupportedJson(), Any);
        FunctionTable.Add(t, "mustToPrettyJson", static (_, a) => GoJson.Marshal(a[0], indent: "  ") ?? throw UnsupportedJson(), Any);
        FunctionTable.Add(t, "mustToRawJson", static (_, a) => GoJson.Marshal(a[0], escapeHtml: false) ?? throw UnsupportedJson(), Any);
        FunctionTable.Add(t, "fromJson", static (c, a) => FromJson((string)a[0]!, out _), ParamKind.String);
        FunctionTable.Add(t, "mustFromJson", static (_, a) => FromJson((string)a[0]!, out var error) is var v && error is null ? v : throw new FunctionException(error), ParamKind.String);
    }

    static FunctionException UnsupportedJson() => new("json: unsupported value: NaN or infinite number");

    static object? FromJson(string text, out string? error)
    {
        error = null;
        try
        {
            return GoValues.FromJson(JsonNode.Parse(text));
        }
        catch (JsonException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>Sprig's b64dec: the decoded text, or Go's error text in its place when the input is not base64.</summary>
    static string Base64Decode(string s)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var clean = new StringBuilder(s.Length);
        var positions = new List<int>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            // encoding/base64 skips newlines.
            if (s[i] is '\r' or '\n')
            {
                continue;
            }

            clean.Append(s[i]);
            positions.Add(i);
        }

        var text = clean.ToString();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=')
            {
                var padding = text.Length - i;
                var valid = text.Length % 4 == 0 && padding <= 2 && text[i..].All(c => c == '=') && (i % 4) + padding == 4;
                if (!valid)
                {
                    return Illegal(positions, i);
                }

                break;
            }

            if (!Alphabet.Contains(text[i], StringComparison.Ordinal))
            {
                return Illegal(positions, i);
            }
        }

        if (text.Length % 4 != 0)
        {
            return Illegal(positions, text.Length / 4 * 4 + (text.Length % 4 == 1 ? 0 : text.Length % 4));
        }

        return Encoding.UTF8.GetString(Convert.FromBase64String(text));
    }

    static string Illegal(List<int> positions, int index)
    {
        var at = index < positions.Count ? positions[index] : positions.Count == 0 ? 0 : positions[^1] + 1;
        return string.Create(CultureInfo.InvariantCulture, $"illegal base64 data at input byte {at}");
    }
}
