using Tx.EventStore.ComplianceTests.Gating;
using Tx.EventStore.Streams;

namespace Tx.EventStore.ComplianceTests;

/// <summary>Retention by maximum count and maximum age removes the oldest events; versions and appends carry on.</summary>
public abstract class RetentionComplianceTests(EventStoreProviderFixture fixture) : EventStoreComplianceTests(fixture)
{
    [ComplianceFact]
    public async Task MaxCount_KeepsTheNewestEventsOfTheStream()
    {
        await using var t = await CreateStoreAsync(o => o.Retention.MaxCount = 5);

        await t.Store.AppendAsync("n", ExpectedVersion.NoStream, Events("n", 4));
        await t.Store.AppendAsync("n", ExpectedVersion.Exact(4), Events("n", 4));
        await t.Store.AppendAsync("n", ExpectedVersion.Exact(8), Events("n", 4));

        Assert.Equal([8L, 9L, 10L, 11L, 12L], (await ReadStreamAsync(t.Store, "n")).Select(e => e.StreamVersion));
        Assert.Equal(12, (await t.Store.GetStreamInfoAsync("n")).Version);
        Assert.Equal([8L, 9L, 10L, 11L, 12L], (await ReadAllAsync(t.Store)).Select(e => e.StreamVersion));
        Assert.Equal(13, (await t.Store.AppendAsync("n", ExpectedVersion.Exact(12), Events("n", 1))).StreamVersion);
    }

    [ComplianceFact]
    public async Task MaxAge_RemovesEventsOlderThanTheLimit()
    {
        await using var t = await CreateStoreAsync(o => o.Retention.MaxAge = TimeSpan.FromHours(1));
        await t.Store.AppendAsync("aged", ExpectedVersion.NoStream, Events("aged", 3));
        Time.Advance(TimeSpan.FromMinutes(30));
        await t.Store.AppendAsync("aged", ExpectedVersion.Exact(3), Events("aged", 2));
        Assert.Equal(5, (await ReadStreamAsync(t.Store, "aged")).Count);

        Time.Advance(TimeSpan.FromMinutes(45));
        long removed = await t.Store.ApplyRetentionAsync("aged");

        Assert.Equal(3, removed);
        Assert.Equal([4L, 5L], (await ReadStreamAsync(t.Store, "aged")).Select(e => e.StreamVersion));
    }

    [ComplianceFact]
    public async Task AppliesTo_LimitsRetentionToMatchingStreams()
    {
        await using var t = await CreateStoreAsync(o =>
        {
            o.Retention.MaxCount = 2;
            o.Retention.AppliesTo = id => id.StartsWith("notification-", StringComparison.Ordinal);
        });

        await t.Store.AppendAsync("notification-1", ExpectedVersion.NoStream, Events("x", 5));
        await t.Store.AppendAsync("txn_1", ExpectedVersion.NoStream, Events("x", 5));

        Assert.Equal(2, (await ReadStreamAsync(t.Store, "notification-1")).Count);
        Assert.Equal(5, (await ReadStreamAsync(t.Store, "txn_1")).Count);
    }

    [ComplianceFact]
    public async Task TruncateStream_RemovesOnlyOlderVersionsOfThatStream()
    {
        await using var t = await CreateStoreAsync();
        await t.Store.AppendAsync("a", ExpectedVersion.NoStream, Events("a", 6));
        await t.Store.AppendAsync("b", ExpectedVersion.NoStream, Events("b", 6));

        long removed = await t.Provider.TruncateStreamAsync("a", 4);

        Assert.Equal(3, removed);
        Assert.Equal([4L, 5L, 6L], (await ReadStreamAsync(t.Store, "a")).Select(e => e.StreamVersion));
        Assert.Equal([6L, 5L, 4L], (await ReadStreamAsync(t.Store, "a", StreamPosition.End, ReadDirection.Backwards)).Select(e => e.StreamVersion));
        Assert.Equal(6, (await ReadStreamAsync(t.Store, "b")).Count);
        Assert.Equal(9, (await ReadAllAsync(t.Store)).Count);
        Assert.Equal(0, await t.Provider.TruncateStreamAsync("a", 4));
    }
}
