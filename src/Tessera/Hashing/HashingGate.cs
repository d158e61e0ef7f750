using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Tessera.Hashing;

/// <summary>
/// Runs password hashes on dedicated threads, one per core, at the lowest nice value (19 on Linux). A login storm then
/// uses every idle cycle, yet a request thread that wakes up takes the core from a hash at once instead of queueing
/// behind bcrypt, so session checks keep their latency; and hashing never occupies the thread pool the requests run on.
/// (SCHED_IDLE was tried and refused: it ranks below every nice value, so any batch job at nice 19 on the same machine
/// stopped logins altogether.)
/// </summary>
internal sealed partial class HashingGate : IDisposable
{
    const int LowestNice = 19;

    readonly BlockingCollection<Action> _work = new();

    public HashingGate()
    {
        for (var i = 0; i < Environment.ProcessorCount; i++)
        {
            new Thread(Work) { IsBackground = true, Name = "tessera-hash-" + i }.Start();
        }
    }

    public Task<T> RunAsync<T>(Func<T> work, CancellationToken ct)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            if (ct.IsCancellationRequested)
            {
                done.TrySetCanceled(ct);
                return;
            }

            try
            {
                done.TrySetResult(work());
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        }, ct);
        return done.Task;
    }

    void Work()
    {
        if (OperatingSystem.IsLinux())
        {
            // Linux applies nice values per thread when given the thread id; failure just leaves the normal priority.
            _ = SetPriority(0, GetThreadId(), LowestNice);
        }

        try
        {
            foreach (var item in _work.GetConsumingEnumerable())
            {
                item();
            }
        }
        catch (ObjectDisposedException)
        {
            // shutting down
        }
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();

    public void Dispose()
    {
        _work.CompleteAdding();
    }
}
