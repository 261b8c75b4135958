using Microsoft.Extensions.Options;
using Tx.Resilience.CircuitBreaking;

namespace Tx.Resilience.Tests.CircuitBreaking;

public sealed class CircuitBreakerOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new CircuitBreakerOptions();

        Assert.Equal(CircuitBreakerMode.FailureRatio, options.Mode);
        Assert.Equal(0.5, options.FailureRatio);
        Assert.Equal(3, options.MinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(30), options.SamplingDuration);
        Assert.Equal(5, options.ConsecutiveFailureThreshold);
        Assert.Equal(TimeSpan.FromSeconds(30), options.BreakDuration);
        Assert.Equal(1, options.PermittedHalfOpenProbes);
        Assert.Null(options.BreakDurationGenerator);
        Assert.Null(options.ShouldHandle);
        Assert.Null(options.OnStateChanged);
        Assert.True(new CircuitBreakerOptionsValidator().Validate(null, options).Succeeded);
    }

    public static TheoryData<string, Action<CircuitBreakerOptions>> InvalidValues => new()
    {
        { nameof(CircuitBreakerOptions.FailureRatio), o => o.FailureRatio = 0 },
        { nameof(CircuitBreakerOptions.FailureRatio), o => o.FailureRatio = 1.01 },
        { nameof(CircuitBreakerOptions.MinimumThroughput), o => o.MinimumThroughput = 0 },
        { nameof(CircuitBreakerOptions.SamplingDuration), o => o.SamplingDuration = TimeSpan.FromMilliseconds(5) },
        { nameof(CircuitBreakerOptions.SamplingDuration), o => o.SamplingDuration = TimeSpan.FromDays(2) },
        { nameof(CircuitBreakerOptions.ConsecutiveFailureThreshold), o => o.ConsecutiveFailureThreshold = 0 },
        { nameof(CircuitBreakerOptions.BreakDuration), o => o.BreakDuration = TimeSpan.Zero },
        { nameof(CircuitBreakerOptions.BreakDuration), o => o.BreakDuration = TimeSpan.FromDays(2) },
        { nameof(CircuitBreakerOptions.PermittedHalfOpenProbes), o => o.PermittedHalfOpenProbes = 0 },
        { nameof(CircuitBreakerOptions.PermittedHalfOpenProbes), o => o.PermittedHalfOpenProbes = 10_001 },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Property_Invalid_EnsureValidationError(string property, Action<CircuitBreakerOptions> mutate)
    {
        var options = new CircuitBreakerOptions();
        mutate(options);

        ValidateOptionsResult result = new CircuitBreakerOptionsValidator().Validate("payments", options);

        Assert.True(result.Failed);
        Assert.Contains(property, result.FailureMessage, StringComparison.Ordinal);
    }
}
