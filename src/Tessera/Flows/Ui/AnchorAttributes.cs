using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Text;

namespace Tessera.Flows.Ui;

/// <summary><c>uiNodeAnchorAttributes</c>: a link whose <c>title</c> is a UI text.</summary>
internal sealed class AnchorAttributes(string id, string href, UiText title) : NodeAttributes
{
    public string Id { get; set; } = id;
    public string Href { get; set; } = href;
    public UiText Title { get; set; } = title;

    public override string NodeType => Ui.NodeType.Anchor;
    public override string Identifier => Id;

    protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("href", Href);
        writer.WritePropertyName("title");
        Title.WriteTo(writer);
        writer.WriteString("id", Id);
    }

    public override AnchorAttributes Clone() => new(Id, Href, UiText.Parse(Title.ToJsonObject()));

    internal static AnchorAttributes Read(JsonObject o) =>
        new(Str(o, "id") ?? "", Str(o, "href") ?? "", o["title"] is JsonObject t ? UiText.Parse(t) : new UiText(0, "", UiText.Info));
}
