namespace Tx.Resilience.CircuitBreaking;

/// <summary>Describes a state change of a <see cref="CircuitBreaker"/>.</summary>
public readonly struct OnCircuitStateChangedArguments
{
    /// <summary>Initializes a new instance of the <see cref="OnCircuitStateChangedArguments"/> struct.</summary>
    /// <param name="breakerName">The breaker's name.</param>
    /// <param name="previousState">The state before the change.</param>
    /// <param name="newState">The state after the change.</param>
    /// <param name="breakDuration">How long the circuit stays open, when <paramref name="newState"/> is <see cref="CircuitState.Open"/>.</param>
    /// <param name="isManual">Whether <see cref="CircuitBreaker.Isolate"/> or <see cref="CircuitBreaker.Reset"/> caused the change.</param>
    public OnCircuitStateChangedArguments(string breakerName, CircuitState previousState, CircuitState newState, TimeSpan? breakDuration, bool isManual)
    {
        BreakerName = breakerName;
        PreviousState = previousState;
        NewState = newState;
        BreakDuration = breakDuration;
        IsManual = isManual;
    }

    /// <summary>Gets the breaker's name.</summary>
    public string BreakerName { get; }

    /// <summary>Gets the state before the change.</summary>
    public CircuitState PreviousState { get; }

    /// <summary>Gets the state after the change.</summary>
    public CircuitState NewState { get; }

    /// <summary>Gets how long the circuit stays open when it just opened; otherwise <see langword="null"/>.</summary>
    public TimeSpan? BreakDuration { get; }

    /// <summary>Gets a value indicating whether a manual <see cref="CircuitBreaker.Isolate"/> or <see cref="CircuitBreaker.Reset"/> caused the change.</summary>
    public bool IsManual { get; }
}
