using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Text;

namespace Tessera.Flows.Ui;

/// <summary>Kratos's <c>uiNode</c>. <c>messages</c> and <c>meta</c> are always written; the type is the attributes' node_type.</summary>
internal sealed class UiNode(string group, NodeAttributes attributes)
{
    public string Type => Attributes.NodeType;
    public string Group { get; set; } = group;
    public NodeAttributes Attributes { get; set; } = attributes;
    public List<UiText> Messages { get; } = [];
    public NodeMeta Meta { get; } = new();

    /// <summary>An input's name, or the id of any other node.</summary>
    public string Name => Attributes.Identifier;

    /// <summary>The input attributes, or null for a non-input node.</summary>
    public InputAttributes? Input => Attributes as InputAttributes;

    public static UiNode InputField(string name, string type, string group, UiText? label = null, bool required = false,
        string? autocomplete = null, JsonNode? value = null, string? pattern = null, bool disabled = false, List<JsonNode?>? options = null) =>
        new(group, new InputAttributes(name, type)
        {
            Required = required,
            Autocomplete = autocomplete,
            Value = value,
            Pattern = pattern,
            Disabled = disabled,
            Options = options,
        })
        { Meta = { Label = label } };

    public UiNode WithLabel(UiText? label)
    {
        Meta.Label = label;
        return this;
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("type", Type);
        writer.WriteString("group", Group);
        writer.WritePropertyName("attributes");
        Attributes.WriteTo(writer);
        writer.WriteStartArray("messages");
        foreach (var message in Messages)
        {
            message.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("meta");
        if (Meta.Label is { } label)
        {
            writer.WritePropertyName("label");
            label.WriteTo(writer);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public UiNode Clone()
    {
        var copy = new UiNode(Group, Attributes.Clone());
        copy.Messages.AddRange(Messages);
        copy.Meta.Label = Meta.Label;
        return copy;
    }

    public static UiNode Parse(JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var o = json.AsObject();
        var attributes = o["attributes"] as JsonObject ?? throw new JsonException("A node needs \"attributes\".");
        var node = new UiNode(NodeAttributes.Str(o, "group") ?? NodeGroup.Default,
            NodeAttributes.Parse(attributes, NodeAttributes.Str(o, "type")));
        if (o["messages"] is JsonArray messages)
        {
            foreach (var message in messages.OfType<JsonObject>())
            {
                node.Messages.Add(UiText.Parse(message));
            }
        }

        if (o["meta"] is JsonObject meta && meta["label"] is JsonObject label)
        {
            node.Meta.Label = UiText.Parse(label);
        }

        return node;
    }
}
