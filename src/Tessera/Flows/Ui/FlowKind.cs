namespace Tessera.Flows.Ui;

/// <summary>The self-service flow a container belongs to; it decides the node order (API.md §3.7).</summary>
internal enum FlowKind
{
    Login,
    Registration,
    Settings,
    Recovery,
    Verification,
}
