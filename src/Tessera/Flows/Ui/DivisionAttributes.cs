using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Flows.Ui;

/// <summary><c>uiNodeDivisionAttributes</c>: <c>class</c> and <c>data</c> are omitted when absent or empty.</summary>
internal sealed class DivisionAttributes(string id) : NodeAttributes
{
    public string Id { get; set; } = id;
    public string? Class { get; set; }
    public Dictionary<string, string>? Data { get; set; }

    public override string NodeType => Ui.NodeType.Division;
    public override string Identifier => Id;

    protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("id", Id);
        if (!string.IsNullOrEmpty(Class))
        {
            writer.WriteString("class", Class);
        }

        if (Data is { Count: > 0 })
        {
            writer.WriteStartObject("data");
            foreach (var (key, value) in Data)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }
    }

    public override DivisionAttributes Clone() => new(Id)
    {
        Class = Class,
        Data = Data is null ? null : new Dictionary<string, string>(Data, StringComparer.Ordinal),
    };

    internal static DivisionAttributes Read(JsonObject o)
    {
        Dictionary<string, string>? data = null;
        if (o["data"] is JsonObject d)
        {
            data = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in d)
            {
                if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                {
                    data[key] = v.GetValue<string>();
                }
            }
        }

        return new DivisionAttributes(Str(o, "id") ?? "") { Class = Str(o, "class"), Data = data };
    }
}
