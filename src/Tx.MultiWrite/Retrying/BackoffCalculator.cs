namespace Tx.MultiWrite.Retrying;

/// <summary>
/// The guide's backoff: <c>min(maxDelay, base × 2^(attempt-1)) + jitter(0..jitterMax)</c>. The seam the
/// Tx.Resilience retry delay computation replaces.
/// </summary>
internal static class BackoffCalculator
{
    public static TimeSpan Delay(int attempt, RetryWorkerOptions options, double random)
    {
        double exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        double ms = Math.Min(options.MaxDelay.TotalMilliseconds, options.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ms + (options.JitterMax.TotalMilliseconds * random));
    }
}
