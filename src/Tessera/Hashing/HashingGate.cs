namespace Tessera.Hashing;

/// <summary>
/// Bounds how many password hashes run at once to the number of cores, so a login storm queues here instead of
/// starving the request path (session checks) of threads and CPU.
/// </summary>
internal sealed class HashingGate : IDisposable
{
    readonly SemaphoreSlim _slots = new(Environment.ProcessorCount, Environment.ProcessorCount);

    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken ct)
    {
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await Task.Run(work, ct).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
