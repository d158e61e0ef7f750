namespace Tessera.Jsonnet.Evaluation;

/// <summary>
/// A value that may not be computed yet: array elements, function arguments and locals are thunks, so an unused
/// <c>error</c> never fires. A <see cref="Value"/> is its own, already computed, thunk.
/// </summary>
internal abstract class Thunk
{
    public abstract Value Force();
}
