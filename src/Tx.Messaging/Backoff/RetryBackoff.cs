namespace Tx.Messaging.Backoff;

/// <summary>
/// The consumer's retry delay: <c>min(maxDelay, base × 2^attempt) + U[0, jitter)</c>, the guide's
/// formula. Kept behind this seam until Tx.Resilience's retry is available to this package.
/// </summary>
internal sealed class RetryBackoff
{
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly TimeSpan _jitter;
    private readonly Random _random;

    public RetryBackoff(TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan jitter, Random? random = null)
    {
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
        _jitter = jitter;
        _random = random ?? Random.Shared;
    }

    /// <summary>Gets the delay before retry number <paramref name="attempt"/> + 1 (attempt 0 is the first retry).</summary>
    public TimeSpan GetDelay(int attempt)
    {
        // 2^attempt overflows past 62; the cap is reached long before.
        double factor = Math.Pow(2, Math.Min(attempt, 62));
        double exponential = Math.Min(_maxDelay.Ticks, _baseDelay.Ticks * factor);
        long jitter = _jitter > TimeSpan.Zero ? (long)(_random.NextDouble() * _jitter.Ticks) : 0;
        return TimeSpan.FromTicks((long)exponential + jitter);
    }
}
