using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Tessera.Hashing;

/// <summary>
/// Runs password hashes on dedicated threads, one per core, under Linux's SCHED_IDLE policy (nice 19 where that is
/// refused). A login storm then uses every idle cycle, yet a request thread that wakes up takes the core from a hash at
/// once instead of queueing behind bcrypt, so session checks keep their latency; and hashing never occupies the thread
/// pool the requests run on. The price is paid only under overload: when requests alone keep every core busy, logins
/// wait for them.
/// </summary>
internal sealed partial class HashingGate : IDisposable
{
    const int SchedIdle = 5;
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
            // Both apply per thread when given the thread id; failing both just leaves the normal priority.
            var tid = GetThreadId();
            var priority = 0;
            if (SetScheduler(tid, SchedIdle, ref priority) != 0)
            {
                _ = SetPriority(0, tid, LowestNice);
            }
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

    [LibraryImport("libc", EntryPoint = "sched_setscheduler")]
    private static partial int SetScheduler(int pid, int policy, ref int schedPriority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();

    public void Dispose()
    {
        _work.CompleteAdding();
    }
}
