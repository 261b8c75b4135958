using Microsoft.Extensions.Options;
using Tx.Resilience.Retry;

namespace Tx.Resilience.Tests.Retry;

public sealed class RetryOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new RetryOptions();

        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), options.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxDelay);
        Assert.Equal(2.0, options.ExponentialBase);
        Assert.Equal(JitterKind.Additive, options.Jitter);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.JitterMax);
        Assert.True(options.HonorRetryAfter);
        Assert.False(options.RetryRejectedExecutions);
        Assert.False(options.RetryCanceledOperations);
        Assert.Null(options.ShouldRetry);
        Assert.Null(options.OnRetry);
        Assert.True(new RetryOptionsValidator().Validate(null, options).Succeeded);
    }

    public static TheoryData<string, Action<RetryOptions>> InvalidValues => new()
    {
        { nameof(RetryOptions.MaxRetries), o => o.MaxRetries = -1 },
        { nameof(RetryOptions.MaxRetries), o => o.MaxRetries = 101 },
        { nameof(RetryOptions.BaseDelay), o => o.BaseDelay = TimeSpan.FromMilliseconds(-1) },
        { nameof(RetryOptions.BaseDelay), o => o.BaseDelay = TimeSpan.FromDays(2) },
        { nameof(RetryOptions.MaxDelay), o => o.MaxDelay = TimeSpan.FromMilliseconds(-1) },
        { nameof(RetryOptions.MaxDelay), o => o.MaxDelay = TimeSpan.FromDays(2) },
        { nameof(RetryOptions.ExponentialBase), o => o.ExponentialBase = 0.5 },
        { nameof(RetryOptions.ExponentialBase), o => o.ExponentialBase = 101 },
        { nameof(RetryOptions.JitterMax), o => o.JitterMax = TimeSpan.FromMilliseconds(-1) },
        { nameof(RetryOptions.JitterMax), o => o.JitterMax = TimeSpan.FromHours(2) },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Property_Invalid_EnsureValidationError(string property, Action<RetryOptions> mutate)
    {
        var options = new RetryOptions();
        mutate(options);

        ValidateOptionsResult result = new RetryOptionsValidator().Validate("r", options);

        Assert.True(result.Failed);
        Assert.Contains(property, result.FailureMessage, StringComparison.Ordinal);
    }
}
