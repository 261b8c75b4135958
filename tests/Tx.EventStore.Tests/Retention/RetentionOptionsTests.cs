using Tx.EventStore.Retention;

namespace Tx.EventStore.Tests.Retention;

public sealed class RetentionOptionsTests
{
    [Fact]
    public void IsActiveFor_NoLimits_False() =>
        Assert.False(new RetentionOptions().IsActiveFor("s"));

    [Fact]
    public void IsActiveFor_LimitAndFilter_OnlyMatchingStreams()
    {
        var options = new RetentionOptions { MaxAge = TimeSpan.FromDays(30), AppliesTo = s => s.StartsWith("audit-", StringComparison.Ordinal) };

        Assert.True(options.IsActiveFor("audit-1"));
        Assert.False(options.IsActiveFor("txn_1"));
    }
}
