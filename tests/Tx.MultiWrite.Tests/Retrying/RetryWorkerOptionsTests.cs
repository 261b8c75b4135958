using Tx.MultiWrite.Retrying;

namespace Tx.MultiWrite.Tests.Retrying;

public sealed class RetryWorkerOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new RetryWorkerOptions();

        Assert.True(options.Enabled);
        Assert.Null(options.WorkerId);
        Assert.Equal(TimeSpan.FromSeconds(1), options.PollInterval);
        Assert.Equal(100, options.BatchSize);
        Assert.Equal(16, options.MaxConcurrency);
        Assert.Equal(TimeSpan.FromSeconds(30), options.LeaseDuration);
        Assert.Equal(10, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromHours(24), options.MaxAge);
        Assert.Equal(TimeSpan.FromSeconds(1), options.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(1), options.JitterMax);
    }

    [Fact]
    public void MaxAttempts_Invalid_EnsureValidationError()
    {
        var result = new RetryWorkerOptionsValidator().Validate(null, new RetryWorkerOptions { MaxAttempts = 0, LeaseDuration = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("MaxAttempts", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("LeaseDuration", result.FailureMessage, StringComparison.Ordinal);
    }
}
