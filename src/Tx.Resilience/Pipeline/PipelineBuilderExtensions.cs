using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Tx.Resilience.Bulkheads;
using Tx.Resilience.CircuitBreaking;
using Tx.Resilience.Pipeline;
using Tx.Resilience.Retry;
using Tx.Resilience.Timeouts;

namespace Tx.Resilience;

/// <summary>Adds named pipelines to <see cref="ITxResilienceBuilder"/>.</summary>
public static class PipelineBuilderExtensions
{
    /// <summary>
    /// Registers a named <see cref="ResiliencePipeline"/> singleton (a keyed service) composed of named strategies registered
    /// in the same builder (and, for <see cref="ResiliencePipelineOptions.RateLimiter"/>, a keyed <see cref="RateLimiter"/>).
    /// Unknown names fail at start-up.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The pipeline's name.</param>
    /// <param name="configure">Names the strategies, for example <c>o => { o.CircuitBreaker = "payments"; o.Retry = "default"; }</c>.</param>
    /// <returns>The builder.</returns>
    public static ITxResilienceBuilder AddPipeline(this ITxResilienceBuilder builder, string name, Action<ResiliencePipelineOptions>? configure = null) =>
        NamedInstanceRegistration.Add<ResiliencePipelineOptions, ResiliencePipelineOptionsValidator, ResiliencePipeline>(
            builder,
            name,
            configure,
            static (names, n) => names.Pipelines.Add(n),
            static (n, options, time, telemetry, sp) =>
            {
                var pipeline = new ResiliencePipelineBuilder(n, time, telemetry);
                if (options.RateLimiter is { } limiter)
                {
                    pipeline.AddRateLimiter(sp.GetRequiredKeyedService<RateLimiter>(limiter));
                }

                if (options.Timeout is { } timeout)
                {
                    pipeline.AddTimeout(sp.GetRequiredKeyedService<TimeoutStrategy>(timeout));
                }

                if (options.Retry is { } retry)
                {
                    pipeline.AddRetry(sp.GetRequiredKeyedService<RetryStrategy>(retry));
                }

                if (options.CircuitBreaker is { } breaker)
                {
                    pipeline.AddCircuitBreaker(sp.GetRequiredKeyedService<CircuitBreaker>(breaker));
                }

                if (options.Bulkhead is { } bulkhead)
                {
                    pipeline.AddBulkhead(sp.GetRequiredKeyedService<Bulkhead>(bulkhead));
                }

                return pipeline.Build();
            });
}
