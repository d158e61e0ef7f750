namespace Tessera.Jsonnet;

/// <summary>Bounds on one evaluation, so a runaway template fails with a <see cref="JsonnetException"/> instead of hanging a request.</summary>
internal sealed record JsonnetLimits
{
    public static readonly JsonnetLimits Default = new();

    /// <summary>Nested calls and lazy values being computed; 500 is the <c>jsonnet</c> CLI's default <c>--max-stack</c>.</summary>
    public int MaxStackFrames { get; init; } = 500;

    /// <summary>Expressions evaluated; ten million is about a second of work, far above any real template.</summary>
    public long MaxSteps { get; init; } = 10_000_000;
}
