using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Flows.Ui;

/// <summary><c>uiNodeImageAttributes</c>: every field is required, so every field is written.</summary>
internal sealed class ImageAttributes(string id, string src, long width, long height) : NodeAttributes
{
    public string Id { get; set; } = id;
    public string Src { get; set; } = src;
    public long Width { get; set; } = width;
    public long Height { get; set; } = height;

    public override string NodeType => Ui.NodeType.Image;
    public override string Identifier => Id;

    protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("src", Src);
        writer.WriteString("id", Id);
        writer.WriteNumber("width", Width);
        writer.WriteNumber("height", Height);
    }

    public override ImageAttributes Clone() => new(Id, Src, Width, Height);

    internal static ImageAttributes Read(JsonObject o) =>
        new(Str(o, "id") ?? "", Str(o, "src") ?? "", Long(o, "width"), Long(o, "height"));
}
