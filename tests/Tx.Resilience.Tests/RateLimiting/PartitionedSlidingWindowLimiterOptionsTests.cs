using Microsoft.Extensions.Options;
using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Tests.RateLimiting;

public sealed class PartitionedSlidingWindowLimiterOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new PartitionedSlidingWindowLimiterOptions();

        Assert.Equal(100, options.PermitLimit);
        Assert.Equal(TimeSpan.FromMinutes(15), options.Window);
        Assert.Equal(SlidingWindowAlgorithm.Log, options.Algorithm);
        Assert.Equal(100_000, options.MaxTrackedKeys);
        Assert.Equal(TimeSpan.FromMinutes(1), options.EvictionInterval);
        Assert.True(new PartitionedSlidingWindowLimiterOptionsValidator().Validate(null, options).Succeeded);
    }

    public static TheoryData<string, Action<PartitionedSlidingWindowLimiterOptions>> InvalidValues => new()
    {
        { nameof(PartitionedSlidingWindowLimiterOptions.PermitLimit), o => o.PermitLimit = 0 },
        { nameof(PartitionedSlidingWindowLimiterOptions.Window), o => o.Window = TimeSpan.Zero },
        { nameof(PartitionedSlidingWindowLimiterOptions.Window), o => o.Window = TimeSpan.FromDays(400) },
        { nameof(PartitionedSlidingWindowLimiterOptions.Algorithm), o => o.Algorithm = (SlidingWindowAlgorithm)(-1) },
        { nameof(PartitionedSlidingWindowLimiterOptions.MaxTrackedKeys), o => o.MaxTrackedKeys = 0 },
        { nameof(PartitionedSlidingWindowLimiterOptions.EvictionInterval), o => o.EvictionInterval = TimeSpan.Zero },
        { nameof(PartitionedSlidingWindowLimiterOptions.EvictionInterval), o => o.EvictionInterval = TimeSpan.FromDays(2) },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Property_Invalid_EnsureValidationError(string property, Action<PartitionedSlidingWindowLimiterOptions> mutate)
    {
        var options = new PartitionedSlidingWindowLimiterOptions();
        mutate(options);

        var result = new PartitionedSlidingWindowLimiterOptionsValidator().Validate(null, options);
        OptionsValidationException constructorError = Assert.Throws<OptionsValidationException>(() => new PartitionedSlidingWindowRateLimiter<string>(options));

        Assert.True(result.Failed);
        Assert.Contains(property, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(property, constructorError.Message, StringComparison.Ordinal);
    }
}
