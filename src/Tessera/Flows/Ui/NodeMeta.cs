using Tessera.Text;

namespace Tessera.Flows.Ui;

/// <summary><c>uiNodeMeta</c>: always written, as <c>{}</c> when there is no label.</summary>
internal sealed class NodeMeta
{
    public UiText? Label { get; set; }
}
