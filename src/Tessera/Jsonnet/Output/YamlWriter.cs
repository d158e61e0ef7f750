using System.Text;
using System.Text.RegularExpressions;
using Tessera.Jsonnet.Evaluation;

namespace Tessera.Jsonnet.Output;

/// <summary>
/// <c>std.manifestYamlDoc</c>: block style, strings as JSON literals except multi-line strings ending in a newline,
/// which become <c>|</c> blocks; arrays under a key are not indented unless asked.
/// </summary>
internal static partial class YamlWriter
{
    /// <summary>Words YAML 1.1 readers take for booleans or null; such keys are always quoted.</summary>
    static readonly HashSet<string> Reserved =
    [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON",
        "off", "Off", "OFF", "null", "Null", "NULL", "~",
    ];

    public static string Write(Value value, bool indentArrayInObject, bool quoteKeys)
    {
        var output = new StringBuilder();
        Write(output, value, "", indentArrayInObject, quoteKeys);
        return output.ToString();
    }

    static void Write(StringBuilder output, Value value, string indent, bool indentArrayInObject, bool quoteKeys)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw JsonnetException.Runtime("max stack frames exceeded: the value is nested too deeply to manifest", null);
        }

        switch (value)
        {
            case StringValue s when s.Value.Length > 0 && s.Value[^1] == '\n':
            {
                var lines = s.Value.Split('\n');
                output.Append('|');
                foreach (var line in lines.Take(lines.Length - 1))
                {
                    output.Append('\n').Append(indent).Append("  ").Append(line);
                }

                break;
            }

            case FunctionValue:
                throw JsonnetException.Runtime("couldn't manifest function as YAML", null);
            case ArrayValue { Count: 0 }:
                output.Append("[]");
                break;
            case ArrayValue array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Append('\n').Append(indent);
                    }

                    var item = array[i];
                    output.Append('-');
                    // A nested array starts on the next line; an object can start on the dash's line, its keys line up.
                    var (inner, space) = item switch
                    {
                        ArrayValue { Count: > 0 } => (indent + "  ", "\n" + indent + "  "),
                        ObjectValue o when o.VisibleCount > 0 => (indent + "  ", " "),
                        _ => (indent, " "),
                    };
                    output.Append(space);
                    Write(output, item, inner, indentArrayInObject, quoteKeys);
                }

                break;
            case ObjectValue obj:
            {
                var names = obj.FieldNames(includeHidden: false);
                if (names.Count == 0)
                {
                    output.Append("{}");
                    break;
                }

                for (var i = 0; i < names.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Append('\n').Append(indent);
                    }

                    var item = obj.Get(names[i]);
                    output.Append(quoteKeys || !IsBareSafe(names[i]) ? JsonWriter.Escape(names[i]) : names[i]).Append(':');
                    var (inner, space) = item switch
                    {
                        ArrayValue { Count: > 0 } => indentArrayInObject ? (indent + "  ", "\n" + indent + "  ") : (indent, "\n" + indent),
                        ObjectValue o when o.VisibleCount > 0 => (indent + "  ", "\n" + indent + "  "),
                        _ => (indent, " "),
                    };
                    output.Append(space);
                    Write(output, item, inner, indentArrayInObject, quoteKeys);
                }

                break;
            }

            default:
                output.Append(JsonWriter.Write(value, JsonStyle.Text));
                break;
        }
    }

    /// <summary>A key that reads back as the same string without quotes: plain characters, not a YAML word or number.</summary>
    static bool IsBareSafe(string key) => key.Length > 0 && SafeChars().IsMatch(key) && !Reserved.Contains(key) && !NumberLike().IsMatch(key);

    [GeneratedRegex("^[A-Za-z0-9_./-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeChars();

    [GeneratedRegex(@"^([-+]?[0-9]+(\.[0-9]*)?|0x[0-9a-fA-F]+|0o[0-7]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberLike();
}
