namespace Tx.Resilience.CircuitBreaking;

/// <summary>Thrown when a call is rejected because the circuit is open, isolated, or out of half-open probes.</summary>
public class BrokenCircuitException : ExecutionRejectedException
{
    /// <summary>Initializes a new instance of the <see cref="BrokenCircuitException"/> class.</summary>
    public BrokenCircuitException()
        : this("The circuit is open; the call was not made.", null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BrokenCircuitException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="retryAfter">How long until the breaker admits a probe, when known.</param>
    public BrokenCircuitException(string message, TimeSpan? retryAfter)
        : base(message, retryAfter)
    {
    }
}
