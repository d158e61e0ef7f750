using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Text;

namespace Tessera.Flows.Ui;

/// <summary>Kratos's <c>uiContainer</c>: the form a UI renders. <c>nodes</c> is never null; <c>messages</c> is omitted when empty.</summary>
internal sealed partial class UiContainer(string action, string method = "POST")
{
    public string Action { get; set; } = action;
    public string Method { get; set; } = method;
    public List<UiNode> Nodes { get; } = [];
    public List<UiText> Messages { get; } = [];

    /// <summary>The nodes identified by <paramref name="name"/> (input name, or id of other nodes), optionally in one group.</summary>
    public IEnumerable<UiNode> FindAll(string name, string? group = null) =>
        Nodes.Where(n => n.Name == name && (group is null || n.Group == group));

    public UiNode? Find(string name, string? group = null) => FindAll(name, group).FirstOrDefault();

    /// <summary>Sets <c>value</c> on every input so named (in <paramref name="group"/> when given); false when there is none.</summary>
    public bool SetValue(string name, JsonNode? value, string? group = null)
    {
        var found = false;
        foreach (var node in FindAll(name, group))
        {
            if (node.Input is { } input)
            {
                input.Value = value?.DeepClone();
                found = true;
            }
        }

        return found;
    }

    public bool ClearValue(string name, string? group = null) => SetValue(name, null, group);

    public UiContainer Add(UiNode node)
    {
        Nodes.Add(node);
        return this;
    }

    /// <summary>A flow-global message (<c>ui.messages</c>).</summary>
    public void AddMessage(UiText message) => Messages.Add(message);

    /// <summary>
    /// Puts a message on the first node named <paramref name="name"/>. As in Kratos (API.md §3.6), when no node has that
    /// name a text input of that name is appended in group <c>default</c> to carry it; an empty name means global.
    /// </summary>
    public UiNode? AddMessage(string? name, UiText message)
    {
        if (string.IsNullOrEmpty(name))
        {
            Messages.Add(message);
            return null;
        }

        var node = Find(name);
        if (node is null)
        {
            node = new UiNode(NodeGroup.Default, new InputAttributes(name, InputType.Text));
            Nodes.Add(node);
        }

        node.Messages.Add(message);
        return node;
    }

    /// <summary>Clears the global messages and those of every node, as Kratos does before writing new ones.</summary>
    public void ResetMessages()
    {
        Messages.Clear();
        foreach (var node in Nodes)
        {
            node.Messages.Clear();
        }
    }

    /// <summary>A JSON-schema instance pointer (<c>#/traits/email</c>) as the dotted node name (<c>traits.email</c>); "" for the root.</summary>
    public static string NodeNameFromPointer(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var path = pointer.StartsWith('#') ? pointer[1..] : pointer;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        return string.Join('.', segments);
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("action", Action);
        writer.WriteString("method", Method);
        writer.WriteStartArray("nodes");
        foreach (var node in Nodes)
        {
            node.WriteTo(writer);
        }

        writer.WriteEndArray();
        if (Messages.Count > 0)
        {
            writer.WriteStartArray("messages");
            foreach (var message in Messages)
            {
                message.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    public string ToJsonString()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Tessera.Hosting.JsonWriting.Options))
        {
            WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public JsonObject ToJsonObject() => JsonNode.Parse(ToJsonString())!.AsObject();

    /// <summary>Reads a container written by <see cref="WriteTo"/> (a stored flow) or by Kratos.</summary>
    public static UiContainer Parse(JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var o = json.AsObject();
        var container = new UiContainer(NodeAttributes.Str(o, "action") ?? "", NodeAttributes.Str(o, "method") ?? "POST");
        if (o["nodes"] is JsonArray nodes)
        {
            foreach (var node in nodes.OfType<JsonObject>())
            {
                container.Nodes.Add(UiNode.Parse(node));
            }
        }

        if (o["messages"] is JsonArray messages)
        {
            foreach (var message in messages.OfType<JsonObject>())
            {
                container.Messages.Add(UiText.Parse(message));
            }
        }

        return container;
    }
}
