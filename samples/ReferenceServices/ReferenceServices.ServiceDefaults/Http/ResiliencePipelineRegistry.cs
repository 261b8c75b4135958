using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Tx.Resilience.Bulkheads;
using Tx.Resilience.CircuitBreaking;
using Tx.Resilience.Pipeline;
using Tx.Resilience.Retry;

namespace ReferenceServices.ServiceDefaults.Http;

/// <summary>One Tx.Resilience pipeline per downstream service, shared by the handlers the client factory rotates.</summary>
public sealed class ResiliencePipelineRegistry(IConfiguration configuration, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.Ordinal);

    public ResiliencePipeline Get(string serviceName) => _pipelines.GetOrAdd(serviceName, Create);

    public IReadOnlyDictionary<string, ResiliencePipeline> All => _pipelines;

    private ResiliencePipeline Create(string serviceName)
    {
        IConfigurationSection section = configuration.GetSection("HttpResilience");
        return new ResiliencePipelineBuilder($"http-{serviceName}", timeProvider)
            .AddRetry(new RetryOptions
            {
                MaxRetries = section.GetValue("MaxRetries", 2),
                BaseDelay = section.GetValue("RetryBaseDelay", TimeSpan.FromMilliseconds(50)),
                Jitter = JitterKind.Full,
                // Only failures where the request never reached the service are retried: safe for every verb.
                ShouldRetry = ex => ex is HttpRequestException { StatusCode: null },
            })
            .AddCircuitBreaker(new CircuitBreakerOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = section.GetValue("BreakerMinimumThroughput", 10),
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = section.GetValue("BreakDuration", TimeSpan.FromSeconds(30)),
            })
            .AddBulkhead(new BulkheadOptions
            {
                MaxConcurrency = section.GetValue("MaxConcurrency", 50),
                MaxQueueLength = section.GetValue("MaxQueueLength", 500),
                QueueTimeout = TimeSpan.FromSeconds(30),
            })
            .AddTimeout(section.GetValue("Timeout", TimeSpan.FromSeconds(10)))
            .Build();
    }
}
