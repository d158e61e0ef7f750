namespace Tessera.Flows.Ui;

/// <summary>The <c>type</c> of a node, repeated as <c>attributes.node_type</c>.</summary>
internal static class NodeType
{
    public const string Input = "input";
    public const string Image = "img";
    public const string Anchor = "a";
    public const string Text = "text";
    public const string Script = "script";
    public const string Division = "div";
}
