using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Tessera.Jsonnet.Evaluation;

namespace Tessera.Jsonnet.Output;

/// <summary>Manifests a value as JSON text: visible fields only, in code-point order; functions cannot be manifested.</summary>
internal static class JsonWriter
{
    public static string Write(Value value, JsonStyle style)
    {
        var output = new StringBuilder();
        Write(output, value, style, "");
        return output.ToString();
    }

    /// <summary>What <c>std.toString</c> gives: strings as they are, anything else as one-line JSON.</summary>
    public static string ToText(Value value) => value is StringValue s ? s.Value : Write(value, JsonStyle.Text);

    static void Write(StringBuilder output, Value value, JsonStyle style, string indent)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw JsonnetException.Runtime("max stack frames exceeded: the value is nested too deeply to manifest", null);
        }

        switch (value)
        {
            case NullValue:
                output.Append("null");
                break;
            case BooleanValue b:
                output.Append(b.Value ? "true" : "false");
                break;
            case NumberValue n:
                output.Append(NumberFormatter.Format(n.Value));
                break;
            case StringValue s:
                Escape(output, s.Value);
                break;
            case FunctionValue:
                throw JsonnetException.Runtime("couldn't manifest function as JSON", null);
            case ArrayValue array:
            {
                if (array.Count == 0)
                {
                    output.Append(style.CompactEmpty ? "[ ]" : "[" + style.Newline + style.Newline + indent + "]");
                    break;
                }

                var inner = indent + style.Indent;
                output.Append('[').Append(style.Newline);
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Append(style.ItemSeparator).Append(style.Newline);
                    }

                    output.Append(inner);
                    Write(output, array[i], style, inner);
                }

                output.Append(style.Newline).Append(indent).Append(']');
                break;
            }

            case ObjectValue obj:
            {
                var names = obj.FieldNames(includeHidden: false);
                if (names.Count == 0)
                {
                    output.Append(style.CompactEmpty ? "{ }" : "{" + style.Newline + style.Newline + indent + "}");
                    break;
                }

                var inner = indent + style.Indent;
                output.Append('{').Append(style.Newline);
                for (var i = 0; i < names.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Append(style.ItemSeparator).Append(style.Newline);
                    }

                    output.Append(inner);
                    Escape(output, names[i]);
                    output.Append(style.KeyValueSeparator);
                    Write(output, obj.Get(names[i]), style, inner);
                }

                output.Append(style.Newline).Append(indent).Append('}');
                break;
            }
        }
    }

    /// <summary>A JSON string literal, as <c>std.escapeStringJson</c> writes it (non-ASCII kept as is).</summary>
    public static string Escape(string text)
    {
        var output = new StringBuilder(text.Length + 2);
        Escape(output, text);
        return output.ToString();
    }

    static void Escape(StringBuilder output, string text)
    {
        output.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case < ' ' or '\u007f':
                    output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }

        output.Append('"');
    }
}
