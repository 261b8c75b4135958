using Tx.EventStore.Appending;
using Tx.EventStore.ComplianceTests.Events;
using Tx.EventStore.ComplianceTests.Gating;
using Tx.EventStore.Streams;

namespace Tx.EventStore.ComplianceTests;

/// <summary>Soft deletion: a tombstone event closes the stream; the log keeps the history.</summary>
public abstract class DeletionComplianceTests(EventStoreProviderFixture fixture) : EventStoreComplianceTests(fixture)
{
    [ComplianceFact]
    public async Task DeleteStream_WritesTombstoneAndClosesTheStream()
    {
        await using var t = await CreateStoreAsync();
        await t.Store.AppendAsync("txn_del", ExpectedVersion.NoStream, Events("txn_del", 3));
        await t.Store.SaveSnapshotAsync("txn_del", 3, new TransactionAggregate());

        var result = await t.Store.DeleteStreamAsync("txn_del", ExpectedVersion.Exact(3), new EventMetadata(UserId: "ops"));

        Assert.Equal(new AppendResult(4, 4), result);
        Assert.Equal(new StreamInfo("txn_del", 4, true), await t.Store.GetStreamInfoAsync("txn_del"));
        await Assert.ThrowsAsync<StreamDeletedException>(() => ReadStreamAsync(t.Store, "txn_del"));
        var ex = await Assert.ThrowsAsync<StreamDeletedException>(() => t.Store.AppendAsync("txn_del", ExpectedVersion.Any, Events("txn_del", 1)).AsTask());
        Assert.Equal("txn_del", ex.StreamId);
        await Assert.ThrowsAsync<StreamDeletedException>(() => t.Store.DeleteStreamAsync("txn_del", ExpectedVersion.Any).AsTask());
        var log = await ReadAllAsync(t.Store);
        Assert.Equal(4, log.Count);
        Assert.Equal(StreamDeleted.TypeName, log[3].EventType);
        Assert.Equal(new StreamDeleted("txn_del"), t.Store.Deserialize(log[3]));
        Assert.Equal("ops", log[3].Metadata.UserId);
        Assert.Null(await t.Provider.Snapshots.LoadAsync("txn_del"));
    }

    [ComplianceFact]
    public async Task DeleteStream_WrongExpectedVersion_ThrowsAndKeepsTheStream()
    {
        await using var t = await CreateStoreAsync();
        await t.Store.AppendAsync("s", ExpectedVersion.NoStream, Events("s", 2));

        var ex = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => t.Store.DeleteStreamAsync("s", ExpectedVersion.Exact(1)).AsTask());

        Assert.Equal(2, ex.ActualVersion);
        Assert.False((await t.Store.GetStreamInfoAsync("s")).IsDeleted);
        Assert.Equal(2, (await ReadStreamAsync(t.Store, "s")).Count);
    }

    [ComplianceFact]
    public async Task DeleteStream_OtherStreamsUnaffected()
    {
        await using var t = await CreateStoreAsync();
        await t.Store.AppendAsync("keep", ExpectedVersion.NoStream, Events("keep", 2));
        await t.Store.AppendAsync("drop", ExpectedVersion.NoStream, Events("drop", 2));

        await t.Store.DeleteStreamAsync("drop", ExpectedVersion.Any);

        Assert.Equal(3, (await t.Store.AppendAsync("keep", ExpectedVersion.Exact(2), Events("keep", 1))).StreamVersion);
    }
}
