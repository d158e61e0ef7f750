using System.Collections.Concurrent;
using Tessera.Identities;
using Tessera.Persistence;

namespace Tessera.Sessions;

/// <summary>
/// The rendered whoami answer per token hash, so the hottest path skips the database and the JSON writer. It never
/// serves what this node changed: every session write and every identity write on this node drops the entries it
/// touches. What another node (or process) changes is seen within <see cref="MaxAge"/>. On by default with SQLite
/// (one node); on PostgreSQL only with <c>feature_flags.cacheable_sessions</c>, as Kratos's option of that name.
/// </summary>
internal sealed class SessionCache
{
    const int MaxEntries = 100_000;
    static readonly TimeSpan DefaultMaxAge = TimeSpan.FromSeconds(5);

    readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Bumped by every forget: an answer read from the database before a change committed is not cached after it.
    long _epoch;

    public SessionCache(SessionOptions options, Database database, IdentityChanges identities)
    {
        ArgumentNullException.ThrowIfNull(identities);
        Enabled = database.Dsn.Kind == DatabaseKind.Sqlite || options.CacheableSessions;
        MaxAge = options.CacheableSessionsMaxAge is { } age && age > TimeSpan.Zero ? age : DefaultMaxAge;
        identities.Changed += ForgetIdentity;
    }

    public bool Enabled { get; }

    public TimeSpan MaxAge { get; }

    /// <summary>A rendered answer and what is needed to check it is still due: the session's expiry and owner.</summary>
    public sealed record Entry(Guid SessionId, Guid IdentityId, DateTime SessionExpiresAt, byte[] Body, DateTime FreshUntil);

    /// <summary>Take it before reading the session; give it back to <see cref="Put"/>.</summary>
    public long Epoch => Volatile.Read(ref _epoch);

    public bool TryGet(string tokenHash, DateTime now, out Entry entry)
    {
        if (Enabled && _entries.TryGetValue(tokenHash, out entry!) && entry.FreshUntil > now)
        {
            return true;
        }

        entry = null!;
        return false;
    }

    public void Put(string tokenHash, Session session, byte[] body, DateTime now, long epochBeforeRead)
    {
        if (!Enabled || epochBeforeRead != Epoch)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        var freshUntil = now + MaxAge < session.ExpiresAt ? now + MaxAge : session.ExpiresAt;
        _entries[tokenHash] = new Entry(session.Id, session.IdentityId, session.ExpiresAt, body, freshUntil);
    }

    public void ForgetToken(string tokenHash)
    {
        Interlocked.Increment(ref _epoch);
        _entries.TryRemove(tokenHash, out _);
    }

    public void ForgetSession(Guid sessionId) => Forget(e => e.SessionId == sessionId);

    public void ForgetIdentity(Guid identityId) => Forget(e => e.IdentityId == identityId);

    // Writes are rare next to session checks, so a scan of the entries is cheaper than keeping more indexes current.
    void Forget(Func<Entry, bool> matches)
    {
        Interlocked.Increment(ref _epoch);
        foreach (var (key, entry) in _entries)
        {
            if (matches(entry))
            {
                _entries.TryRemove(key, out _);
            }
        }
    }
}
