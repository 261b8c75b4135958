using System.Collections.Concurrent;
using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>
/// Remembers, per key, a rejection the server gave, so further requests of that key that cannot be granted before its
/// retry-after are rejected without a round trip (an over-limit client hammering the gateway costs Redis one call a
/// second instead of one per request). The server's retry-after is the moment enough of the window's entries expire for
/// the rejected cost to fit if nothing else were granted; until then entries only leave by expiring in order and other
/// instances only add, so every request of that cost or more would be rejected too. The moment is measured from when
/// the request was sent (the server decided later) on the local monotonic clock, less a margin of 1 ms plus 0.1 % of
/// the wait (clock rates differ by far less), and a rejection is remembered for at most
/// <see cref="MaxRemembered"/>: should the server's clock step forward, or this host sleep, a remembered rejection
/// outlives the server's by at most that long. Requests of a smaller cost still go to the server.
/// </summary>
internal sealed class RedisRejectionCache
{
    /// <summary>The longest a rejection is remembered before the server is asked again.</summary>
    public static readonly TimeSpan MaxRemembered = TimeSpan.FromSeconds(1);

    private const long MarginMicros = 1_000;
    private const long MarginPerMille = 1;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly int _maxKeys;
    private readonly int _permitLimit;
    private readonly double _ticksPerMicro;
    private int _count;
    private long _nextSweep;

    public RedisRejectionCache(TimeProvider timeProvider, int maxKeys, int permitLimit)
    {
        _timeProvider = timeProvider;
        _maxKeys = maxKeys;
        _permitLimit = permitLimit;
        _ticksPerMicro = timeProvider.TimestampFrequency / 1_000_000d;
    }

    /// <summary>Gets how many keys are remembered (expired ones included until they are next looked at or swept).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Decides locally when a remembered rejection covers this request.</summary>
    public bool TryReject(string key, int permitCount, out RateLimitDecision decision)
    {
        if (Volatile.Read(ref _count) == 0 || !_entries.TryGetValue(key, out Entry? entry))
        {
            decision = default;
            return false;
        }

        long now = _timeProvider.GetTimestamp();
        if (now >= entry.Until)
        {
            Remove(key, entry);
            decision = default;
            return false;
        }

        if (Math.Max(permitCount, 1) < entry.Cost)
        {
            decision = default;
            return false;
        }

        // Reported as the server would: its retry-after counted from the send, not the earlier local cut-off; the reset
        // (the oldest entry's expiry) never in the past; the remaining as the server last said.
        TimeSpan retryAfter = _timeProvider.GetElapsedTime(now, entry.RetryAt);
        DateTimeOffset utcNow = _timeProvider.GetUtcNow();
        DateTimeOffset resetAt = entry.ResetAt > utcNow ? entry.ResetAt : utcNow;
        decision = new RateLimitDecision(false, _permitLimit, entry.Remaining, resetAt, retryAfter);
        return true;
    }

    /// <summary>Learns from the server's answer to a request sent at <paramref name="sentAt"/> (a local timestamp).</summary>
    public void Record(string key, int permitCount, long sentAt, in RedisWindowResult result)
    {
        int cost = Math.Max(permitCount, 1);
        if (result.Allowed)
        {
            // A grant where a remembered rejection said none was possible: the key was reset on the server (deleted,
            // flushed, a restarted Redis); forget the rejection.
            if (Volatile.Read(ref _count) != 0 && _entries.TryGetValue(key, out Entry? stale) && cost >= stale.Cost)
            {
                Remove(key, stale);
            }

            return;
        }

        long retryMicros = result.RetryAfterMicros;
        long remembered = Math.Min(retryMicros - MarginMicros - (retryMicros * MarginPerMille / 1_000), MaxRemembered.Ticks / 10);
        if (remembered <= 0)
        {
            return;
        }

        var entry = new Entry(
            sentAt + (long)(remembered * _ticksPerMicro),
            sentAt + (long)(retryMicros * _ticksPerMicro),
            cost,
            result.Remaining,
            DateTimeOffset.UnixEpoch.AddTicks(result.ResetMicros * 10));
        if (_entries.TryGetValue(key, out Entry? existing))
        {
            // Keep a live rejection that covers more requests (a smaller cost, or the same cost for longer).
            bool existingCoversMore = _timeProvider.GetTimestamp() < existing.Until
                && (existing.Cost < cost || (existing.Cost == cost && existing.Until >= entry.Until));
            if (!existingCoversMore)
            {
                _entries.TryUpdate(key, entry, existing);
            }

            return;
        }

        if (Volatile.Read(ref _count) >= _maxKeys && !SweepExpired())
        {
            return;
        }

        if (_entries.TryAdd(key, entry))
        {
            Interlocked.Increment(ref _count);
        }
    }

    // Full: drop the expired rejections, at most once a second (a sweep walks every key). True when there is room now.
    private bool SweepExpired()
    {
        long now = _timeProvider.GetTimestamp();
        long next = Volatile.Read(ref _nextSweep);
        if (now < next || Interlocked.CompareExchange(ref _nextSweep, now + _timeProvider.TimestampFrequency, next) != next)
        {
            return false;
        }

        foreach (KeyValuePair<string, Entry> pair in _entries)
        {
            if (now >= pair.Value.Until)
            {
                Remove(pair.Key, pair.Value);
            }
        }

        return Volatile.Read(ref _count) < _maxKeys;
    }

    private void Remove(string key, Entry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<string, Entry>(key, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    // Until: the local cut-off (timestamp) up to which requests are rejected here; RetryAt: the server's retry-after
    // moment counted from the send (timestamp), for the reported retry-after.
    private sealed record Entry(long Until, long RetryAt, int Cost, int Remaining, DateTimeOffset ResetAt);
}
