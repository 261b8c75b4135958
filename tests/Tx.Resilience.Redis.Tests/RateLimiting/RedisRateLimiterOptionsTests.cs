using Tx.Resilience.RateLimiting;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Tests.RateLimiting;

public sealed class RedisRateLimiterOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new RedisRateLimiterOptions();

        Assert.Equal(100, options.PermitLimit);
        Assert.Equal(TimeSpan.FromMinutes(15), options.Window);
        Assert.Equal(SlidingWindowAlgorithm.Log, options.Algorithm);
        Assert.Equal("tx:ratelimit:", options.KeyPrefix);
        Assert.Equal(RedisFailurePolicy.FallBackToInMemory, options.FailurePolicy);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.OperationTimeout);
        Assert.Equal(3, options.BreakerFailureThreshold);
        Assert.Equal(TimeSpan.FromSeconds(5), options.BreakerBreakDuration);
        Assert.Equal(100_000, options.FallbackMaxTrackedKeys);
        Assert.True(new RedisRateLimiterOptionsValidator().Validate(null, options).Succeeded);
    }

    public static TheoryData<string, Action<RedisRateLimiterOptions>> InvalidValues => new()
    {
        { nameof(RedisRateLimiterOptions.PermitLimit), o => o.PermitLimit = 0 },
        { nameof(RedisRateLimiterOptions.PermitLimit), o => o.PermitLimit = -1 },
        { nameof(RedisRateLimiterOptions.Window), o => o.Window = TimeSpan.Zero },
        { nameof(RedisRateLimiterOptions.Window), o => o.Window = TimeSpan.FromSeconds(-1) },
        { nameof(RedisRateLimiterOptions.Algorithm), o => o.Algorithm = (SlidingWindowAlgorithm)9 },
        { nameof(RedisRateLimiterOptions.KeyPrefix), o => o.KeyPrefix = null! },
        { nameof(RedisRateLimiterOptions.FailurePolicy), o => o.FailurePolicy = (RedisFailurePolicy)9 },
        { nameof(RedisRateLimiterOptions.OperationTimeout), o => o.OperationTimeout = TimeSpan.Zero },
        { nameof(RedisRateLimiterOptions.BreakerFailureThreshold), o => o.BreakerFailureThreshold = 0 },
        { nameof(RedisRateLimiterOptions.BreakerBreakDuration), o => o.BreakerBreakDuration = TimeSpan.Zero },
        { nameof(RedisRateLimiterOptions.FallbackMaxTrackedKeys), o => o.FallbackMaxTrackedKeys = 0 },
        { nameof(RedisRateLimiterOptions.RejectionCacheMaxKeys), o => o.RejectionCacheMaxKeys = -1 },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Property_Invalid_EnsureValidationError(string property, Action<RedisRateLimiterOptions> mutate)
    {
        var options = new RedisRateLimiterOptions();
        mutate(options);

        var result = new RedisRateLimiterOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(property, result.FailureMessage, StringComparison.Ordinal);
    }
}
