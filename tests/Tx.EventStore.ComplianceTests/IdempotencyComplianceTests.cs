using Tx.EventStore.Appending;
using Tx.EventStore.ComplianceTests.Gating;
using Tx.EventStore.Streams;

namespace Tx.EventStore.ComplianceTests;

/// <summary>
/// Idempotent retries: an append whose event ids are all stored in the same stream, consecutively and in the
/// same order, returns the original result and writes nothing; any other reuse of a stored id is an error.
/// </summary>
public abstract class IdempotencyComplianceTests(EventStoreProviderFixture fixture) : EventStoreComplianceTests(fixture)
{
    [ComplianceFact]
    public async Task Append_RetriedWithNoStream_ReturnsOriginalResultAndWritesNothing()
    {
        await using var t = await CreateStoreAsync();
        var events = Events("txn_1", 3);
        var original = await t.Store.AppendAsync("txn_1", ExpectedVersion.NoStream, events);

        var retried = await t.Store.AppendAsync("txn_1", ExpectedVersion.NoStream, events);

        Assert.Equal(original, retried);
        Assert.Equal(3, (await ReadAllAsync(t.Store)).Count);
    }

    [ComplianceFact]
    public async Task Append_RetriedAfterTheStreamMovedOn_ReturnsOriginalResult()
    {
        await using var t = await CreateStoreAsync();
        await t.Store.AppendAsync("s", ExpectedVersion.NoStream, Events("s", 2));
        var events = Events("s", 2);
        var original = await t.Store.AppendAsync("s", ExpectedVersion.Exact(2), events);
        await t.Store.AppendAsync("s", ExpectedVersion.Exact(4), Events("s", 1));

        var exactRetry = await t.Store.AppendAsync("s", ExpectedVersion.Exact(2), events);
        var anyRetry = await t.Store.AppendAsync("s", ExpectedVersion.Any, events);

        Assert.Equal(new AppendResult(4, 4), original);
        Assert.Equal(original, exactRetry);
        Assert.Equal(original, anyRetry);
        Assert.Equal(5, (await t.Store.GetStreamInfoAsync("s")).Version);
    }

    [ComplianceFact]
    public async Task Append_EventIdStoredInAnotherStream_ThrowsDuplicateEventIdAndWritesNothing()
    {
        await using var t = await CreateStoreAsync();
        var events = Events("a", 1);
        await t.Store.AppendAsync("a", ExpectedVersion.Any, events);

        await Assert.ThrowsAsync<DuplicateEventIdException>(() => t.Store.AppendAsync("b", ExpectedVersion.Any, events).AsTask());

        Assert.Equal(0, (await t.Store.GetStreamInfoAsync("b")).Version);
        Assert.Single(await ReadAllAsync(t.Store));
    }

    [ComplianceFact]
    public async Task Append_BatchMixingStoredAndNewIds_ThrowsAndWritesNothing()
    {
        await using var t = await CreateStoreAsync();
        var stored = Events("s", 1);
        await t.Store.AppendAsync("s", ExpectedVersion.NoStream, stored);
        var mixed = new[] { Events("s", 1)[0], stored[0] };

        var ex = await Record.ExceptionAsync(() => t.Store.AppendAsync("s", ExpectedVersion.Any, mixed).AsTask());

        Assert.IsType<DuplicateEventIdException>(ex);
        Assert.Equal(1, (await t.Store.GetStreamInfoAsync("s")).Version);
        Assert.Single(await ReadAllAsync(t.Store));
    }

    [ComplianceFact]
    public async Task Append_RetriedBatchInDifferentOrder_IsNotTreatedAsRetry()
    {
        await using var t = await CreateStoreAsync();
        var events = Events("s", 2);
        await t.Store.AppendAsync("s", ExpectedVersion.NoStream, events);

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => t.Store.AppendAsync("s", ExpectedVersion.NoStream, [events[1], events[0]]).AsTask());

        Assert.Equal(2, (await t.Store.GetStreamInfoAsync("s")).Version);
    }

    [ComplianceFact]
    public async Task Append_ConcurrentRetriesOfOneBatch_StoreItOnce()
    {
        await using var t = await CreateStoreAsync();
        var events = Events("once", 3);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await Task.Yield();
            return await t.Store.AppendAsync("once", ExpectedVersion.NoStream, events);
        }));

        Assert.All(results, r => Assert.Equal(results[0], r));
        Assert.Equal(3, (await ReadAllAsync(t.Store)).Count);
    }
}
