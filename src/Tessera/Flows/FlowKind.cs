namespace Tessera.Flows;

/// <summary>The self-service flows; the lower-case name is the config key and the URL segment.</summary>
internal enum FlowKind
{
    Login,
    Registration,
    Settings,
    Recovery,
    Verification,
}

internal static class FlowKindNames
{
    public static string Name(this FlowKind kind) => kind switch
    {
        FlowKind.Login => "login",
        FlowKind.Registration => "registration",
        FlowKind.Settings => "settings",
        FlowKind.Recovery => "recovery",
        FlowKind.Verification => "verification",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static FlowKind Parse(string name) => name switch
    {
        "login" => FlowKind.Login,
        "registration" => FlowKind.Registration,
        "settings" => FlowKind.Settings,
        "recovery" => FlowKind.Recovery,
        "verification" => FlowKind.Verification,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
