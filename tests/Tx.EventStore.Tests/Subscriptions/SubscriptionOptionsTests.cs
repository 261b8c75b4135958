using Tx.EventStore.Subscriptions;

namespace Tx.EventStore.Tests.Subscriptions;

public sealed class SubscriptionOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new SubscriptionOptions();

        Assert.Equal(256, options.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(1), options.PollInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryDelay);
        Assert.Equal(0, options.StartAfterPosition);
    }

    [Fact]
    public void BatchSize_Invalid_EnsureValidationError()
    {
        var result = new SubscriptionOptionsValidator().Validate("x", new SubscriptionOptions { BatchSize = 0, PollInterval = TimeSpan.Zero, StartAfterPosition = -1 });

        Assert.True(result.Failed);
        Assert.Contains("BatchSize", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("PollInterval", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("StartAfterPosition", result.FailureMessage, StringComparison.Ordinal);
    }
}
