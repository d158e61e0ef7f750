using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Text;

namespace Tessera.Flows.Ui;

/// <summary><c>uiNodeTextAttributes</c>: a UI text shown as is (TOTP secret, lookup codes).</summary>
internal sealed class TextAttributes(string id, UiText text) : NodeAttributes
{
    public string Id { get; set; } = id;
    public UiText Text { get; set; } = text;

    public override string NodeType => Ui.NodeType.Text;
    public override string Identifier => Id;

    protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WritePropertyName("text");
        Text.WriteTo(writer);
        writer.WriteString("id", Id);
    }

    public override TextAttributes Clone() => new(Id, UiText.Parse(Text.ToJsonObject()));

    internal static TextAttributes Read(JsonObject o) =>
        new(Str(o, "id") ?? "", o["text"] is JsonObject t ? UiText.Parse(t) : new UiText(0, "", UiText.Info));
}
