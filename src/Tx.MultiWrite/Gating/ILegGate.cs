namespace Tx.MultiWrite.Gating;

/// <summary>
/// The breaker seam in front of a leg. Kept small so that the implementation can be swapped for the
/// Tx.Resilience circuit breaker without touching the writer or the worker.
/// </summary>
internal interface ILegGate
{
    CircuitState State { get; }

    /// <summary>Gets the failure ratio (0..1) in the current sampling window.</summary>
    double FailureRate { get; }

    /// <summary>Asks to call the target; on <see langword="false"/>, <paramref name="retryAfter"/> says when to ask again.</summary>
    bool TryAcquire(out TimeSpan retryAfter);

    void OnSuccess();

    void OnFailure();
}
