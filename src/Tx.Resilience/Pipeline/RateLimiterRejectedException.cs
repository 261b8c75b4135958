namespace Tx.Resilience.Pipeline;

/// <summary>Thrown by a <see cref="ResiliencePipeline"/> when its rate limiter refuses a permit.</summary>
public sealed class RateLimiterRejectedException : ExecutionRejectedException
{
    /// <summary>Initializes a new instance of the <see cref="RateLimiterRejectedException"/> class.</summary>
    /// <param name="pipelineName">The pipeline's name.</param>
    /// <param name="retryAfter">The limiter's retry-after, when it reports one.</param>
    public RateLimiterRejectedException(string pipelineName, TimeSpan? retryAfter)
        : base($"The rate limiter of pipeline '{pipelineName}' rejected the call.", retryAfter)
    {
        StrategyName = pipelineName;
    }
}
