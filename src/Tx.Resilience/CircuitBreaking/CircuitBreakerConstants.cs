namespace Tx.Resilience.CircuitBreaking;

internal static class CircuitBreakerConstants
{
    public const double DefaultFailureRatio = 0.5;
    public const int DefaultMinimumThroughput = 3;
    public const int DefaultConsecutiveFailureThreshold = 5;
    public const int BucketCount = 10;
    public static readonly TimeSpan DefaultSamplingDuration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultBreakDuration = TimeSpan.FromSeconds(30);

    public const string StateInstrument = "tx.resilience.circuit_breaker.state";
    public const string TransitionsInstrument = "tx.resilience.circuit_breaker.transitions";
}
