using Microsoft.Extensions.Time.Testing;
using Tx.Resilience.RateLimiting;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Tests.RateLimiting;

public sealed class RedisRejectionCacheTests
{
    private const long Second = 1_000_000;
    private const long Millisecond = 1_000;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch.AddDays(20_000));

    [Fact]
    public void TryReject_WithinRetryAfter_RejectsLocallyWithTheServersRemainingWait()
    {
        var cache = new RedisRejectionCache(_time, 10, 100);
        long sentAt = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromMilliseconds(2));

        cache.Record("k", 1, sentAt, Rejection(remaining: 0, retryAfterMicros: 500 * Millisecond));
        _time.Advance(TimeSpan.FromMilliseconds(200));
        bool rejected = cache.TryReject("k", 1, out RateLimitDecision decision);

        Assert.True(rejected);
        Assert.False(decision.IsAllowed);
        Assert.Equal(100, decision.Limit);
        Assert.Equal(0, decision.Remaining);
        // The server's 500 ms counted from the send, 202 ms ago.
        Assert.Equal(TimeSpan.FromMilliseconds(298), decision.RetryAfter);
        Assert.False(cache.TryReject("other", 1, out _));
    }

    [Fact]
    public void TryReject_AtTheRetryAfterLessTheMargin_AsksTheServerAgainAndForgetsTheKey()
    {
        var cache = new RedisRejectionCache(_time, 10, 100);
        cache.Record("k", 1, _time.GetTimestamp(), Rejection(remaining: 0, retryAfterMicros: 500 * Millisecond));

        // Margin: 1 ms + 0.1 % of 500 ms = 1.5 ms.
        _time.Advance(TimeSpan.FromMilliseconds(498.5) - TimeSpan.FromTicks(10));
        Assert.True(cache.TryReject("k", 1, out _));
        _time.Advance(TimeSpan.FromTicks(10));

        Assert.False(cache.TryReject("k", 1, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void TryReject_LongRetryAfter_RememberedForOneSecondOnly()
    {
        var cache = new RedisRejectionCache(_time, 10, 100);
        cache.Record("k", 1, _time.GetTimestamp(), Rejection(remaining: 0, retryAfterMicros: 900 * Second));

        _time.Advance(RedisRejectionCache.MaxRemembered - TimeSpan.FromTicks(10));
        Assert.True(cache.TryReject("k", 1, out RateLimitDecision decision));
        _time.Advance(TimeSpan.FromTicks(10));

        Assert.False(cache.TryReject("k", 1, out _));
        Assert.Equal(TimeSpan.FromSeconds(899) + TimeSpan.FromTicks(10), decision.RetryAfter);
    }

    [Fact]
    public void TryReject_ResetAlreadyPast_ReportsNow()
    {
        var cache = new RedisRejectionCache(_time, 10, 100);
        long pastMicros = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10 - (5 * Second);
        cache.Record("k", 3, _time.GetTimestamp(), new RedisWindowResult(false, 1, pastMicros, 500 * Millisecond, pastMicros));

        Assert.True(cache.TryReject("k", 3, out RateLimitDecision decision));

        Assert.Equal(_time.GetUtcNow(), decision.ResetAt);
    }

    [Fact]
    public void Record_ExistingRejectionExpired_IsReplaced()
    {
        var cache = new RedisRejectionCache(_time, 10, 10);
        cache.Record("k", 1, _time.GetTimestamp(), Rejection(remaining: 0, retryAfterMicros: 200 * Millisecond));
        _time.Advance(TimeSpan.FromMilliseconds(300));

        cache.Record("k", 3, _time.GetTimestamp(), Rejection(remaining: 2, retryAfterMicros: 500 * Millisecond));

        Assert.True(cache.TryReject("k", 3, out _));
        Assert.False(cache.TryReject("k", 1, out _));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void TryReject_SmallerCostThanRejected_AsksTheServer()
    {
        var cache = new RedisRejectionCache(_time, 10, 10);
        cache.Record("k", 5, _time.GetTimestamp(), Rejection(remaining: 3, retryAfterMicros: 10 * Second));

        Assert.False(cache.TryReject("k", 3, out _));
        Assert.True(cache.TryReject("k", 5, out RateLimitDecision same));
        Assert.True(cache.TryReject("k", 9, out _));
        Assert.Equal(3, same.Remaining);
    }

    [Fact]
    public void TryReject_CostZeroAfterCostOneRejection_RejectsLocally()
    {
        var cache = new RedisRejectionCache(_time, 10, 10);
        cache.Record("k", 0, _time.GetTimestamp(), Rejection(remaining: 0, retryAfterMicros: 10 * Second));

        Assert.True(cache.TryReject("k", 0, out _));
        Assert.True(cache.TryReject("k", 1, out _));
    }

    [Fact]
    public void Record_GrantOfACoveredCost_ForgetsTheRejection()
    {
        var cache = new RedisRejectionCache(_time, 10, 10);
        cache.Record("k", 2, _time.GetTimestamp(), Rejection(remaining: 1, retryAfterMicros: 10 * Second));
        cache.Record("k", 1, _time.GetTimestamp(), Grant());
        Assert.True(cache.TryReject("k", 2, out _));

        cache.Record("k", 2, _time.GetTimestamp(), Grant());

        Assert.False(cache.TryReject("k", 2, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Record_NewerRejectionOfLargerCost_KeepsTheOneThatCoversMore()
    {
        var cache = new RedisRejectionCache(_time, 10, 10);
        cache.Record("k", 1, _time.GetTimestamp(), Rejection(remaining: 0, retryAfterMicros: 5 * Second));

        cache.Record("k", 4, _time.GetTimestamp(), Rejection(remaining: 0, retryAfterMicros: 8 * Second));

        Assert.True(cache.TryReject("k", 1, out RateLimitDecision decision));
        Assert.Equal(TimeSpan.FromSeconds(5), decision.RetryAfter);
    }

    [Fact]
    public void Record_RetryAfterWithinTheMargin_IsNotRemembered()
    {
        var cache = new RedisRejectionCache(_time, 10, 10);

        cache.Record("k", 1, _time.GetTimestamp(), Rejection(remaining: 0, retryAfterMicros: 900));

        Assert.False(cache.TryReject("k", 1, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Record_Full_RemembersNoMoreKeysUntilASweepFindsRoomAtMostOnceASecond()
    {
        var cache = new RedisRejectionCache(_time, 2, 10);
        cache.Record("a", 1, _time.GetTimestamp(), Rejection(remaining: 0, retryAfterMicros: 200 * Millisecond));
        cache.Record("b", 1, _time.GetTimestamp(), Rejection(remaining: 0, retryAfterMicros: 60 * Second));

        // Full: the sweep finds nothing expired.
        cache.Record("c", 1, _time.GetTimestamp(), Rejection(remaining: 0, retryAfterMicros: 60 * Second));
        Assert.False(cache.TryReject("c", 1, out _));
        Assert.Equal(2, cache.Count);

        // "a" has expired, but the next sweep is not due for a second.
        _time.Advance(TimeSpan.FromMilliseconds(500));
        cache.Record("c", 1, _time.GetTimestamp(), Rejection(remaining: 0, retryAfterMicros: 60 * Second));
        Assert.False(cache.TryReject("c", 1, out _));
        Assert.Equal(2, cache.Count);

        // A second on: the sweep is due and finds both expired ("b" was remembered for its first second only).
        _time.Advance(TimeSpan.FromMilliseconds(501));
        cache.Record("c", 1, _time.GetTimestamp(), Rejection(remaining: 0, retryAfterMicros: 60 * Second));

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryReject("c", 1, out _));
        Assert.False(cache.TryReject("b", 1, out _));
        Assert.False(cache.TryReject("a", 1, out _));
    }

    [Fact]
    public async Task RecordAndTryReject_ManyThreads_CountMatchesTheKeys()
    {
        var cache = new RedisRejectionCache(_time, 1_000, 10);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < 2_000; i++)
            {
                string key = $"key-{i % 500}";
                cache.Record(key, 1, _time.GetTimestamp(), i % 3 == 0 ? Grant() : Rejection(remaining: 0, retryAfterMicros: 60 * Second));
                cache.TryReject(key, 1, out _);
            }
        })));

        int remembered = Enumerable.Range(0, 500).Count(i => cache.TryReject($"key-{i}", 1, out _));
        Assert.Equal(remembered, cache.Count);
    }

    private static RedisWindowResult Rejection(int remaining, long retryAfterMicros) =>
        new(false, remaining, 1_700_000_000 * Second, retryAfterMicros, 1_700_000_000 * Second);

    private static RedisWindowResult Grant() => new(true, 5, 1_700_000_000 * Second, 0, 1_700_000_000 * Second);
}
