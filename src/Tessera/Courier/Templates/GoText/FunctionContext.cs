namespace Tessera.Courier.Templates.GoText;

/// <summary>What a function may use besides its arguments: only the clock, so rendering stays testable.</summary>
internal sealed class FunctionContext(TimeProvider time)
{
    public TimeProvider Time { get; } = time;
}
