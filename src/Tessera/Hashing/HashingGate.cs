using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Tessera.Hashing;

/// <summary>
/// Runs password hashes on dedicated threads, one per core, under Linux's SCHED_IDLE policy. A login storm then uses
/// every idle cycle, yet a request thread that wakes up takes the core from a hash at once instead of queueing behind
/// bcrypt, so session checks keep their latency; and hashing never occupies the thread pool the requests run on.
/// SCHED_IDLE ranks below every nice value, so other low-priority work on the machine (a nice 19 batch job) could
/// starve logins: a hash still running after <see cref="StarvedAfter"/> is moved to the normal policy at nice 19 until
/// it finishes (nice 10 was measured first: whoami fell to 0.4 of unloaded during a storm; see docs/benchmarks.md).
/// Each thread sends its libsodium Argon2id hashes to a worker process of its own (<see cref="Argon2Worker"/>), which
/// gets the thread's policy.
/// </summary>
internal sealed partial class HashingGate : IDisposable
{
    static readonly TimeSpan StarvedAfter = TimeSpan.FromSeconds(2);
    const int SchedOther = 0;
    const int SchedIdle = 5;
    const int LowestNice = 19;

    readonly BlockingCollection<Action> _work = new();
    readonly Worker[] _workers;
    readonly Timer? _guard;

    /// <param name="argon2Worker">How to start an Argon2id worker process; null hashes in this process.</param>
    /// <param name="logger">Where worker trouble is reported.</param>
    public HashingGate(ProcessStartInfo? argon2Worker, ILogger? logger = null)
    {
        _workers = new Worker[Environment.ProcessorCount];
        for (var i = 0; i < _workers.Length; i++)
        {
            var worker = _workers[i] = new Worker();
            worker.Argon2 = new Argon2WorkerProcess(argon2Worker, worker.Adopt, reason =>
            {
                if (logger is not null)
                {
                    Log.HashWorkerTrouble(logger, reason);
                }
            });
            new Thread(() => Work(worker)) { IsBackground = true, Name = "tessera-hash-" + i }.Start();
        }

        if (OperatingSystem.IsLinux())
        {
            _guard = new Timer(_ => PromoteStarved(), null, StarvedAfter / 4, StarvedAfter / 4);
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

    void Work(Worker worker)
    {
        if (OperatingSystem.IsLinux())
        {
            worker.ThreadId = GetThreadId();
            worker.Demote();
        }

        Argon2Kdf.UseWorkerOnThisThread(worker.Argon2);
        try
        {
            foreach (var item in _work.GetConsumingEnumerable())
            {
                Volatile.Write(ref worker.StartedAt, Stopwatch.GetTimestamp());
                item();
                Volatile.Write(ref worker.StartedAt, 0);
                if (worker.Promoted)
                {
                    worker.Demote();
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // shutting down
        }
        finally
        {
            Argon2Kdf.UseWorkerOnThisThread(null);
            worker.Argon2.Dispose();
        }
    }

    void PromoteStarved()
    {
        foreach (var worker in _workers)
        {
            var started = Volatile.Read(ref worker.StartedAt);
            if (started != 0 && !worker.Promoted && Stopwatch.GetElapsedTime(started) > StarvedAfter)
            {
                worker.Promote();
            }
        }
    }

    /// <summary>
    /// One hash thread: its id for the scheduler calls, its Argon2id worker process (whose main thread does that
    /// thread's hashing and gets the same policy) and when its current hash began (0 when idle).
    /// </summary>
    sealed class Worker
    {
        readonly Lock _policy = new();
        public long StartedAt;
        public int ThreadId;
        public Argon2WorkerProcess Argon2 = null!;

        public bool Promoted { get; private set; }

        public void Demote()
        {
            lock (_policy)
            {
                Idle(ThreadId);
                if (Argon2.Pid != 0)
                {
                    Idle(Argon2.Pid);
                }

                Promoted = false;
            }
        }

        public void Promote()
        {
            lock (_policy)
            {
                Normal(ThreadId);
                if (Argon2.Pid != 0)
                {
                    Normal(Argon2.Pid);
                }

                Promoted = true;
            }
        }

        /// <summary>A worker process just started for this thread: it takes the thread's current policy.</summary>
        public void Adopt(int pid)
        {
            if (!OperatingSystem.IsLinux())
            {
                return;
            }

            lock (_policy)
            {
                if (Promoted)
                {
                    Normal(pid);
                }
                else
                {
                    Idle(pid);
                }
            }
        }

        // Each call applies to one thread (a process's main thread when given its pid); a refusal leaves it at the normal priority.
        static void Idle(int id)
        {
            var priority = 0;
            if (SetScheduler(id, SchedIdle, ref priority) != 0)
            {
                _ = SetPriority(0, id, LowestNice);
            }
        }

        static void Normal(int id)
        {
            var priority = 0;
            _ = SetScheduler(id, SchedOther, ref priority);
            _ = SetPriority(0, id, LowestNice);
        }
    }

    [LibraryImport("libc", EntryPoint = "sched_setscheduler")]
    private static partial int SetScheduler(int pid, int policy, ref int schedPriority);

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();

    public void Dispose()
    {
        _guard?.Dispose();
        _work.CompleteAdding();
    }
}
