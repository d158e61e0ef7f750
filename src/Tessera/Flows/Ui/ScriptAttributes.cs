using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Flows.Ui;

/// <summary><c>uiNodeScriptAttributes</c>: every field is required; the defaults are the values Kratos always sends.</summary>
internal sealed class ScriptAttributes(string id, string src, string integrity, string nonce) : NodeAttributes
{
    public string Id { get; set; } = id;
    public string Src { get; set; } = src;
    public bool Async { get; set; } = true;
    public string ReferrerPolicy { get; set; } = "no-referrer";
    public string CrossOrigin { get; set; } = "anonymous";
    public string Integrity { get; set; } = integrity;
    public string Type { get; set; } = "text/javascript";
    public string Nonce { get; set; } = nonce;

    public override string NodeType => Ui.NodeType.Script;
    public override string Identifier => Id;

    protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("src", Src);
        writer.WriteBoolean("async", Async);
        writer.WriteString("referrerpolicy", ReferrerPolicy);
        writer.WriteString("crossorigin", CrossOrigin);
        writer.WriteString("integrity", Integrity);
        writer.WriteString("type", Type);
        writer.WriteString("id", Id);
        writer.WriteString("nonce", Nonce);
    }

    public override ScriptAttributes Clone() => new(Id, Src, Integrity, Nonce)
    {
        Async = Async, ReferrerPolicy = ReferrerPolicy, CrossOrigin = CrossOrigin, Type = Type,
    };

    internal static ScriptAttributes Read(JsonObject o) =>
        new(Str(o, "id") ?? "", Str(o, "src") ?? "", Str(o, "integrity") ?? "", Str(o, "nonce") ?? "")
        {
            Async = Bool(o, "async"),
            ReferrerPolicy = Str(o, "referrerpolicy") ?? "",
            CrossOrigin = Str(o, "crossorigin") ?? "",
            Type = Str(o, "type") ?? "",
        };
}
