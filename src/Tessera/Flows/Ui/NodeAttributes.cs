using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Flows.Ui;

/// <summary>The <c>attributes</c> of a node; the variant is chosen by <c>node_type</c> (openapi <c>uiNodeAttributes</c>).</summary>
internal abstract class NodeAttributes
{
    public abstract string NodeType { get; }

    /// <summary>What identifies the node: an input's <c>name</c>, any other node's <c>id</c>.</summary>
    public abstract string Identifier { get; }

    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WriteFields(writer);
        writer.WriteString("node_type", NodeType);
        writer.WriteEndObject();
    }

    protected abstract void WriteFields(Utf8JsonWriter writer);

    public abstract NodeAttributes Clone();

    public static NodeAttributes Parse(JsonObject o, string? nodeType = null)
    {
        ArgumentNullException.ThrowIfNull(o);
        var kind = Str(o, "node_type") ?? nodeType ?? Ui.NodeType.Input;
        return kind switch
        {
            Ui.NodeType.Input => InputAttributes.Read(o),
            Ui.NodeType.Image => ImageAttributes.Read(o),
            Ui.NodeType.Anchor => AnchorAttributes.Read(o),
            Ui.NodeType.Text => TextAttributes.Read(o),
            Ui.NodeType.Script => ScriptAttributes.Read(o),
            Ui.NodeType.Division => DivisionAttributes.Read(o),
            _ => throw new JsonException($"Unknown node_type \"{kind}\"."),
        };
    }

    internal static string? Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    internal static bool Bool(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    internal static long Long(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? (long)double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
            : 0;
}
