namespace Tx.Resilience.CircuitBreaking;

/// <summary>Thrown when a call is rejected because the circuit was isolated manually.</summary>
public sealed class IsolatedCircuitException : BrokenCircuitException
{
    /// <summary>Initializes a new instance of the <see cref="IsolatedCircuitException"/> class.</summary>
    public IsolatedCircuitException()
        : base("The circuit is manually isolated; the call was not made.", null)
    {
    }
}
