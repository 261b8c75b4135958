namespace Tx.Resilience.CircuitBreaking;

/// <summary>Passed to <see cref="CircuitBreakerOptions.BreakDurationGenerator"/> each time the circuit opens.</summary>
public readonly struct BreakDurationGeneratorArguments
{
    /// <summary>Initializes a new instance of the <see cref="BreakDurationGeneratorArguments"/> struct.</summary>
    /// <param name="openCount">How many times the circuit opened since it was last closed, counting this one.</param>
    /// <param name="failureRate">The failure ratio (0..1) in the sampling window when the circuit opened.</param>
    /// <param name="failureCount">The failures in the sampling window when the circuit opened.</param>
    public BreakDurationGeneratorArguments(int openCount, double failureRate, long failureCount)
    {
        OpenCount = openCount;
        FailureRate = failureRate;
        FailureCount = failureCount;
    }

    /// <summary>Gets how many times the circuit opened since it was last closed, counting this one (1 on the first open).</summary>
    public int OpenCount { get; }

    /// <summary>Gets the failure ratio (0..1) in the sampling window when the circuit opened.</summary>
    public double FailureRate { get; }

    /// <summary>Gets the failures in the sampling window when the circuit opened.</summary>
    public long FailureCount { get; }
}
