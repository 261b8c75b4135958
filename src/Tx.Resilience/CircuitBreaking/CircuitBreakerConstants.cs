namespace Tx.Resilience.CircuitBreaking;

internal static class CircuitBreakerConstants
{
    public const double DefaultFailureRatio = 0.5;
    public const int DefaultMinimumThroughput = 3;
    public const int DefaultConsecutiveFailureThreshold = 5;
    public const int BucketCount = 10;

    /// <summary>
    /// How far the coarse millisecond tick (<see cref="Environment.TickCount64"/>) may lag the precise timestamp, plus
    /// its millisecond truncation: Linux reads CLOCK_MONOTONIC_COARSE (one scheduler tick, 1–10 ms), Windows a 10–16 ms
    /// timer. Decisions taken by the coarse tick stay this far from any boundary, so they never differ from the precise clock's.
    /// </summary>
    public const long CoarseClockSlackMilliseconds = 20;
    public static readonly TimeSpan DefaultSamplingDuration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultBreakDuration = TimeSpan.FromSeconds(30);

    public const string StateInstrument = "tx.resilience.circuit_breaker.state";
    public const string TransitionsInstrument = "tx.resilience.circuit_breaker.transitions";
}
