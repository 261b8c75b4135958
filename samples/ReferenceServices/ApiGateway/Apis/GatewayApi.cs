using ApiGateway.RateLimiting;
using ApiGateway.Resilience;
using Tx.Resilience.Bulkheads;
using Tx.Resilience.CircuitBreaking;

namespace ApiGateway.Apis;

public static class GatewayApi
{
    /// <summary><c>/health</c> in the guide's shape, <c>/alive</c>, and <c>/metrics</c> (JSON counters).</summary>
    public static IEndpointRouteBuilder MapGatewayApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (ServiceGuards guards, RateLimiterBackend limiter) =>
        {
            Dictionary<string, object> breakers = [];
            Dictionary<string, object> bulkheads = [];
            bool anyOpen = false;
            foreach (ServiceGuard guard in guards.All.Values)
            {
                CircuitBreakerSnapshot breaker = guard.Breaker.GetSnapshot();
                anyOpen |= breaker.State != CircuitState.Closed;
                breakers[guard.Service] = new { state = breaker.StateName, failureRate = Math.Round(breaker.FailureRatePercent, 2), calls = breaker.Calls, failures = breaker.Failures, transitions = guard.Transitions.Recent() };
                BulkheadStatistics bulkhead = guard.Bulkhead.GetStatistics();
                bulkheads[bulkhead.Name] = new { active = bulkhead.Active, queued = bulkhead.Queued, capacity = bulkhead.Capacity, rejected = bulkhead.Rejected };
            }

            return TypedResults.Ok(new
            {
                status = anyOpen ? "degraded" : "healthy",
                services = guards.All.Keys,
                circuitBreakers = breakers,
                bulkheadStats = bulkheads,
                rateLimiter = new { backend = limiter.Kind, endpoint = limiter.Endpoint },
            });
        });
        app.MapGet("/alive", () => TypedResults.Ok(new { status = "alive" }));
        app.MapGet("/metrics", (GatewayCounters counters) => TypedResults.Ok(new { rateLimited = counters.RateLimitedTotal, services = counters.Snapshot() }));
        return app;
    }
}
