namespace Tessera.Courier.Templates.GoText;

/// <summary>
/// Go's invalid reflect.Value: what a missing map key or a nil interface evaluates to. It prints as "&lt;no value&gt;",
/// is false, and becomes nil when passed to a function.
/// </summary>
internal sealed class Missing
{
    public static readonly Missing Value = new();

    Missing()
    {
    }

    public override string ToString() => "<no value>";
}
