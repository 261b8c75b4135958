using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Tests;

public sealed class EventStoreOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new EventStoreOptions();

        Assert.Equal(1024 * 1024, options.MaxEventSize);
        Assert.Equal(10_000, options.MaxAppendCount);
        Assert.Equal(JsonNamingPolicy.CamelCase, options.JsonSerializerOptions.PropertyNamingPolicy);
        Assert.True(options.Types.TryGetRegistration(StreamDeleted.TypeName, out _));
        Assert.True(options.Snapshots.Enabled);
        Assert.Equal(1000, options.Snapshots.Interval);
        Assert.Equal(1, options.Snapshots.SchemaVersion);
        Assert.Null(options.Snapshots.ShouldTakeSnapshot);
        Assert.Null(options.Retention.MaxCount);
        Assert.Null(options.Retention.MaxAge);
        Assert.Null(options.Retention.AppliesTo);
    }

    [Fact]
    public void MaxEventSize_Invalid_EnsureValidationError()
    {
        var result = new EventStoreOptionsValidator().Validate(null, new EventStoreOptions { MaxEventSize = 0, MaxAppendCount = 0 });

        Assert.True(result.Failed);
        Assert.Contains("MaxEventSize", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("MaxAppendCount", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void SnapshotInterval_Invalid_EnsureValidationError()
    {
        var options = new EventStoreOptions();
        options.Snapshots.Interval = 0;
        options.Retention.MaxCount = 0;

        var result = new EventStoreOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Interval", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("MaxCount", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTxEventStore_InvalidOptions_FailOnFirstResolve()
    {
        var services = new ServiceCollection();
        services.AddTxEventStore(o => o.MaxEventSize = -1);
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IEventStore>());
    }
}
