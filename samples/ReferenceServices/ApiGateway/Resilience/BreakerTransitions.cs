using Tx.Resilience.CircuitBreaking;

namespace ApiGateway.Resilience;

/// <summary>The last state changes of one service's breaker (oldest first), shown in <c>/health</c> so a short
/// HALF_OPEN phase stays visible after the probe closed the circuit again.</summary>
public sealed class BreakerTransitions
{
    private const int Capacity = 16;
    private readonly Queue<string> _recent = new();

    public ValueTask OnStateChanged(OnCircuitStateChangedArguments args)
    {
        lock (_recent)
        {
            if (_recent.Count == Capacity)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue(args.NewState.ToWireName());
        }

        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<string> Recent()
    {
        lock (_recent)
        {
            return [.. _recent];
        }
    }
}
