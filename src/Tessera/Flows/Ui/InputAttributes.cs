using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Text;

namespace Tessera.Flows.Ui;

/// <summary>
/// <c>uiNodeInputAttributes</c>. Kratos omits <c>value</c> when null, <c>required</c> when false, <c>maxlength</c> when 0
/// and every optional string when empty; <c>disabled</c> and <c>node_type</c> are always written.
/// </summary>
internal sealed class InputAttributes(string name, string type) : NodeAttributes
{
    public string Name { get; set; } = name;
    public string Type { get; set; } = type;
    public JsonNode? Value { get; set; }
    public bool Required { get; set; }
    public string? Autocomplete { get; set; }
    public UiText? Label { get; set; }
    public string? Pattern { get; set; }
    public bool Disabled { get; set; }
    public string? OnClick { get; set; }
    public string? OnClickTrigger { get; set; }
    public string? OnLoad { get; set; }
    public string? OnLoadTrigger { get; set; }
    public long MaxLength { get; set; }

    /// <summary>Choices from a schema <c>enum</c>, written as <c>[{"value": …}]</c>; omitted when null or empty.</summary>
    public List<JsonNode?>? Options { get; set; }

    public override string NodeType => Ui.NodeType.Input;
    public override string Identifier => Name;

    protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("name", Name);
        writer.WriteString("type", Type);
        if (Value is not null)
        {
            writer.WritePropertyName("value");
            Value.WriteTo(writer);
        }

        if (Required)
        {
            writer.WriteBoolean("required", true);
        }

        WriteOptional(writer, "autocomplete", Autocomplete);
        if (Label is not null)
        {
            writer.WritePropertyName("label");
            Label.WriteTo(writer);
        }

        WriteOptional(writer, "pattern", Pattern);
        writer.WriteBoolean("disabled", Disabled);
        WriteOptional(writer, "onclick", OnClick);
        WriteOptional(writer, "onclickTrigger", OnClickTrigger);
        WriteOptional(writer, "onload", OnLoad);
        WriteOptional(writer, "onloadTrigger", OnLoadTrigger);
        if (MaxLength != 0)
        {
            writer.WriteNumber("maxlength", MaxLength);
        }

        if (Options is { Count: > 0 })
        {
            writer.WriteStartArray("options");
            foreach (var option in Options)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("value");
                if (option is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    option.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
    }

    static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }

    public override InputAttributes Clone() => new(Name, Type)
    {
        Value = Value?.DeepClone(),
        Required = Required,
        Autocomplete = Autocomplete,
        Label = Label is null ? null : UiText.Parse(Label.ToJsonObject()),
        Pattern = Pattern,
        Disabled = Disabled,
        OnClick = OnClick,
        OnClickTrigger = OnClickTrigger,
        OnLoad = OnLoad,
        OnLoadTrigger = OnLoadTrigger,
        MaxLength = MaxLength,
        Options = Options?.Select(o => o?.DeepClone()).ToList(),
    };

    internal static InputAttributes Read(JsonObject o) => new(Str(o, "name") ?? "", Str(o, "type") ?? InputType.Text)
    {
        Value = o["value"]?.DeepClone(),
        Required = Bool(o, "required"),
        Autocomplete = Str(o, "autocomplete"),
        Label = o["label"] is JsonObject label ? UiText.Parse(label) : null,
        Pattern = Str(o, "pattern"),
        Disabled = Bool(o, "disabled"),
        OnClick = Str(o, "onclick"),
        OnClickTrigger = Str(o, "onclickTrigger"),
        OnLoad = Str(o, "onload"),
        OnLoadTrigger = Str(o, "onloadTrigger"),
        MaxLength = Long(o, "maxlength"),
        Options = o["options"] is JsonArray options
            ? options.Select(x => x is JsonObject option ? option["value"]?.DeepClone() : null).ToList()
            : null,
    };
}
