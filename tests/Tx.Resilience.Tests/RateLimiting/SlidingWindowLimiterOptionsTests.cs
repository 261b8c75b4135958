using Microsoft.Extensions.Options;
using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Tests.RateLimiting;

public sealed class SlidingWindowLimiterOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new SlidingWindowLimiterOptions();

        Assert.Equal(100, options.PermitLimit);
        Assert.Equal(TimeSpan.FromMinutes(15), options.Window);
        Assert.Equal(0, options.QueueLimit);
        Assert.Equal(SlidingWindowAlgorithm.Log, options.Algorithm);
        Assert.True(new SlidingWindowLimiterOptionsValidator().Validate(null, options).Succeeded);
    }

    public static TheoryData<string, Action<SlidingWindowLimiterOptions>> InvalidValues => new()
    {
        { nameof(SlidingWindowLimiterOptions.PermitLimit), o => o.PermitLimit = 0 },
        { nameof(SlidingWindowLimiterOptions.PermitLimit), o => o.PermitLimit = -1 },
        { nameof(SlidingWindowLimiterOptions.Window), o => o.Window = TimeSpan.Zero },
        { nameof(SlidingWindowLimiterOptions.Window), o => o.Window = TimeSpan.FromSeconds(-1) },
        { nameof(SlidingWindowLimiterOptions.Window), o => o.Window = TimeSpan.FromDays(366) },
        { nameof(SlidingWindowLimiterOptions.QueueLimit), o => o.QueueLimit = -1 },
        { nameof(SlidingWindowLimiterOptions.Algorithm), o => o.Algorithm = (SlidingWindowAlgorithm)7 },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Property_Invalid_EnsureValidationError(string property, Action<SlidingWindowLimiterOptions> mutate)
    {
        var options = new SlidingWindowLimiterOptions();
        mutate(options);

        var result = new SlidingWindowLimiterOptionsValidator().Validate(null, options);
        OptionsValidationException constructorError = Assert.Throws<OptionsValidationException>(() => new SlidingWindowLogRateLimiter(options));

        Assert.True(result.Failed);
        Assert.Contains(property, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(property, constructorError.Message, StringComparison.Ordinal);
    }
}
