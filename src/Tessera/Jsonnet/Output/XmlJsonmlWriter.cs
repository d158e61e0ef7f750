using System.Text;
using Tessera.Jsonnet.Evaluation;
using Tessera.Jsonnet.Std;

namespace Tessera.Jsonnet.Output;

/// <summary>
/// <c>std.manifestXmlJsonml</c>: JsonML (<c>["tag", {attributes}, children…]</c>) as XML. Text and attribute values
/// are escaped (as newer Jsonnet releases do; 0.18 wrote them raw, which lets data inject markup).
/// </summary>
internal static class XmlJsonmlWriter
{
    public static string Write(Value value)
    {
        var output = new StringBuilder();
        Write(output, value);
        return output.ToString();
    }

    static void Write(StringBuilder output, Value value)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw JsonnetException.Runtime("max stack frames exceeded: the value is nested too deeply to manifest", null);
        }

        switch (value)
        {
            case StringValue text:
                output.Append(StdLibrary.EscapeXml(text.Value));
                break;
            case ArrayValue { Count: > 0 } element when element[0] is StringValue tag:
            {
                var hasAttributes = element.Count > 1 && element[1] is ObjectValue;
                output.Append('<').Append(tag.Value);
                if (hasAttributes)
                {
                    var attributes = (ObjectValue)element[1];
                    foreach (var name in attributes.FieldNames(includeHidden: false))
                    {
                        output.Append(' ').Append(name).Append("=\"").Append(StdLibrary.EscapeXml(JsonWriter.ToText(attributes.Get(name)))).Append('"');
                    }
                }

                output.Append('>');
                foreach (var child in element.Items.Skip(hasAttributes ? 2 : 1))
                {
                    Write(output, child.Force());
                }

                output.Append("</").Append(tag.Value).Append('>');
                break;
            }

            default:
                throw JsonnetException.Runtime($"std.manifestXmlJsonml: expected a JsonML element [\"tag\", …] or a string, got {value.TypeName}", null);
        }
    }
}
