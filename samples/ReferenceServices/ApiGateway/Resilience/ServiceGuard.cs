using Tx.Resilience.Bulkheads;
using Tx.Resilience.CircuitBreaking;

namespace ApiGateway.Resilience;

public sealed record ServiceGuard(string Service, CircuitBreaker Breaker, Bulkhead Bulkhead, BreakerTransitions Transitions);
