using Microsoft.Extensions.Options;
using Tx.Resilience.Bulkheads;

namespace Tx.Resilience.Tests.Bulkheads;

public sealed class BulkheadOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new BulkheadOptions();

        Assert.Equal(15, options.MaxConcurrency);
        Assert.Equal(100, options.MaxQueueLength);
        Assert.Equal(TimeSpan.FromSeconds(30), options.QueueTimeout);
        Assert.True(new BulkheadOptionsValidator().Validate(null, options).Succeeded);
    }

    public static TheoryData<string, Action<BulkheadOptions>> InvalidValues => new()
    {
        { nameof(BulkheadOptions.MaxConcurrency), o => o.MaxConcurrency = 0 },
        { nameof(BulkheadOptions.MaxConcurrency), o => o.MaxConcurrency = 100_001 },
        { nameof(BulkheadOptions.MaxQueueLength), o => o.MaxQueueLength = -1 },
        { nameof(BulkheadOptions.MaxQueueLength), o => o.MaxQueueLength = 1_000_001 },
        { nameof(BulkheadOptions.QueueTimeout), o => o.QueueTimeout = TimeSpan.FromSeconds(-1) },
        { nameof(BulkheadOptions.QueueTimeout), o => o.QueueTimeout = TimeSpan.FromDays(2) },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Property_Invalid_EnsureValidationError(string property, Action<BulkheadOptions> mutate)
    {
        var options = new BulkheadOptions();
        mutate(options);

        ValidateOptionsResult result = new BulkheadOptionsValidator().Validate("p", options);

        Assert.True(result.Failed);
        Assert.Contains(property, result.FailureMessage, StringComparison.Ordinal);
    }
}
