namespace Tessera.Strategies.Password;

/// <summary>
/// Breach counts by SHA-1 hash, kept for a fixed lifetime and bounded in size. Every entry lives equally long, so
/// insertion order is expiry order: the oldest entry goes first, whether it expired or the cache is full.
/// </summary>
internal sealed class BreachedPasswordsCache
{
    readonly Lock _lock = new();
    readonly Dictionary<string, LinkedListNode<Entry>> _byHash = new(StringComparer.Ordinal);
    readonly LinkedList<Entry> _oldestFirst = new();
    readonly TimeProvider _time;
    readonly TimeSpan _lifetime;
    readonly int _capacity;

    public BreachedPasswordsCache(TimeProvider time, TimeSpan lifetime, int capacity)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        _lifetime = lifetime;
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byHash.Count;
            }
        }
    }

    public bool TryGet(string hash, out long count)
    {
        lock (_lock)
        {
            Prune(_time.GetUtcNow());
            if (_byHash.TryGetValue(hash, out var node))
            {
                count = node.Value.Count;
                return true;
            }
        }

        count = 0;
        return false;
    }

    public void Set(string hash, long count)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_byHash.Remove(hash, out var existing))
            {
                _oldestFirst.Remove(existing);
            }

            _byHash[hash] = _oldestFirst.AddLast(new Entry(hash, count, now + _lifetime));
            Prune(now);
        }
    }

    void Prune(DateTimeOffset now)
    {
        while (_oldestFirst.First is { } oldest && (oldest.Value.ExpiresAt <= now || _byHash.Count > _capacity))
        {
            _oldestFirst.RemoveFirst();
            _byHash.Remove(oldest.Value.Hash);
        }
    }

    readonly record struct Entry(string Hash, long Count, DateTimeOffset ExpiresAt);
}
