namespace Tessera.Courier;

/// <summary>Wakes this node's dispatcher when this node queues a message, so it need not wait for the next pull.</summary>
internal sealed class CourierSignal
{
    readonly SemaphoreSlim _wake = new(0, 1);

    public void Notify()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // already signalled: one wake-up covers every message queued before it is taken
        }
    }

    /// <summary>Waits for <paramref name="timeout"/> on <paramref name="time"/>'s clock, or less when woken.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var woken = _wake.WaitAsync(done.Token);
        var elapsed = Task.Delay(timeout, time, done.Token);
        await Task.WhenAny(woken, elapsed).ConfigureAwait(false);
        await done.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(woken, elapsed).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        ct.ThrowIfCancellationRequested();
    }
}
