namespace Tessera.Jsonnet;

/// <summary>What an evaluation is given from outside: external variables (<c>std.extVar</c>) and top-level arguments.</summary>
internal sealed record JsonnetInputs
{
    static readonly IReadOnlyDictionary<string, string> Nothing = new Dictionary<string, string>();

    // After Nothing: static fields initialise in order.
    public static readonly JsonnetInputs None = new();

    /// <summary><c>std.extVar(name)</c> gives the string.</summary>
    public IReadOnlyDictionary<string, string> ExtStrings { get; init; } = Nothing;

    /// <summary><c>std.extVar(name)</c> gives the value of this Jsonnet (or JSON) code.</summary>
    public IReadOnlyDictionary<string, string> ExtCodes { get; init; } = Nothing;

    /// <summary>Arguments for a program whose value is a function, passed as strings.</summary>
    public IReadOnlyDictionary<string, string> TlaStrings { get; init; } = Nothing;

    /// <summary>Arguments for a program whose value is a function, passed as the value of Jsonnet (or JSON) code.</summary>
    public IReadOnlyDictionary<string, string> TlaCodes { get; init; } = Nothing;
}
