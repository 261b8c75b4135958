using Tx.EventStore.Appending;
using Tx.EventStore.ComplianceTests.Events;
using Tx.EventStore.ComplianceTests.Gating;
using Tx.EventStore.Streams;

namespace Tx.EventStore.ComplianceTests;

/// <summary>Append with each expected-version kind; read streams forwards and backwards; read the log in pages.</summary>
public abstract class AppendAndReadComplianceTests(EventStoreProviderFixture fixture) : EventStoreComplianceTests(fixture)
{
    [ComplianceFact]
    public async Task Append_NewStream_StoresEveryFieldAndReturnsVersionAndPosition()
    {
        await using var t = await CreateStoreAsync();
        var id = Guid.NewGuid();
        var events = new[]
        {
            new EventData(TestEventTypes.Created("txn_123"), new EventMetadata("corr-1", "cmd-1", "user-7"), id),
            new EventData(new RiskAssessmentPassed("txn_123", 0.2)),
            new EventData(new AccountDebited("txn_123", "acc_1", 100m)),
        };

        var result = await t.Store.AppendAsync("txn_123", ExpectedVersion.NoStream, events);

        Assert.Equal(new AppendResult(3, 3), result);
        var read = await ReadStreamAsync(t.Store, "txn_123");
        Assert.Equal([1L, 2L, 3L], read.Select(e => e.StreamVersion));
        Assert.Equal([1L, 2L, 3L], read.Select(e => e.Position));
        Assert.Equal(["TransactionCreated", "RiskAssessmentPassed", "AccountDebited"], read.Select(e => e.EventType));
        Assert.Equal(TestEventTypes.Created("txn_123"), read[0].Data);
        Assert.Equal(new AccountDebited("txn_123", "acc_1", 100m), read[2].Data);
        Assert.Equal(id, read[0].Record.EventId);
        Assert.Equal(new EventMetadata("corr-1", "cmd-1", "user-7"), read[0].Record.Metadata);
        Assert.Equal(EventMetadata.Empty, read[1].Record.Metadata);
        Assert.All(read, e => Assert.Equal(Start, e.Timestamp));
        Assert.All(read, e => Assert.Equal(1, e.Record.SchemaVersion));
        Assert.Equal("txn_123", read[1].StreamId);
    }

    [ComplianceFact]
    public async Task Append_ExactVersion_ContinuesTheStream()
    {
        await using var t = await CreateStoreAsync();
        await t.Store.AppendAsync("s-1", ExpectedVersion.NoStream, Events("s-1", 2));
        Time.Advance(TimeSpan.FromSeconds(5));

        var result = await t.Store.AppendAsync("s-1", ExpectedVersion.Exact(2), Events("s-1", 3));

        Assert.Equal(new AppendResult(5, 5), result);
        var read = await ReadStreamAsync(t.Store, "s-1");
        Assert.Equal([1L, 2L, 3L, 4L, 5L], read.Select(e => e.StreamVersion));
        Assert.Equal(Start.AddSeconds(5), read[4].Timestamp);
        Assert.Equal(new StreamInfo("s-1", 5, false), await t.Store.GetStreamInfoAsync("s-1"));
    }

    [ComplianceFact]
    public async Task Append_Any_CreatesAndContinuesStreams()
    {
        await using var t = await CreateStoreAsync();

        var first = await t.Store.AppendAsync("a", ExpectedVersion.Any, Events("a", 2));
        var second = await t.Store.AppendAsync("b", ExpectedVersion.Any, Events("b", 1));
        var third = await t.Store.AppendAsync("a", ExpectedVersion.Any, Events("a", 1));

        Assert.Equal(new AppendResult(2, 2), first);
        Assert.Equal(new AppendResult(1, 3), second);
        Assert.Equal(new AppendResult(3, 4), third);
    }

    [ComplianceFact]
    public async Task ReadStream_FromVersionForwards_ReturnsTheTail()
    {
        await using var t = await CreateStoreAsync();
        await t.Store.AppendAsync("s", ExpectedVersion.NoStream, Events("s", 10));

        var tail = await ReadStreamAsync(t.Store, "s", from: 7);
        var limited = await ReadStreamAsync(t.Store, "s", from: 3, maxCount: 2);

        Assert.Equal([7L, 8L, 9L, 10L], tail.Select(e => e.StreamVersion));
        Assert.Equal([3L, 4L], limited.Select(e => e.StreamVersion));
        Assert.Equal(7m, ((AccountDebited)tail[0].Data).Amount);
    }

    [ComplianceFact]
    public async Task ReadStream_Backwards_ReturnsNewestFirst()
    {
        await using var t = await CreateStoreAsync();
        await t.Store.AppendAsync("s", ExpectedVersion.NoStream, Events("s", 10));

        var fromEnd = await ReadStreamAsync(t.Store, "s", StreamPosition.End, ReadDirection.Backwards, maxCount: 3);
        var fromFive = await ReadStreamAsync(t.Store, "s", 5, ReadDirection.Backwards);

        Assert.Equal([10L, 9L, 8L], fromEnd.Select(e => e.StreamVersion));
        Assert.Equal([5L, 4L, 3L, 2L, 1L], fromFive.Select(e => e.StreamVersion));
    }

    [ComplianceFact]
    public async Task ReadStream_MissingStream_ReturnsNothingAndVersionZero()
    {
        await using var t = await CreateStoreAsync();
        await t.Store.AppendAsync("other", ExpectedVersion.NoStream, Events("other", 1));

        Assert.Empty(await ReadStreamAsync(t.Store, "missing"));
        Assert.Equal(new StreamInfo("missing", 0, false), await t.Store.GetStreamInfoAsync("missing"));
    }

    [ComplianceFact]
    public async Task ReadStream_DoesNotReturnOtherStreamsWithSimilarIds()
    {
        await using var t = await CreateStoreAsync();
        await t.Store.AppendAsync("acc-1", ExpectedVersion.NoStream, Events("acc-1", 2));
        await t.Store.AppendAsync("acc-10", ExpectedVersion.NoStream, Events("acc-10", 3));
        await t.Store.AppendAsync("ACC-1", ExpectedVersion.NoStream, Events("ACC-1", 4));

        Assert.Equal(2, (await ReadStreamAsync(t.Store, "acc-1")).Count);
        Assert.Equal(4, (await ReadStreamAsync(t.Store, "ACC-1")).Count);
    }

    [ComplianceFact]
    public async Task ReadAll_InPages_ReturnsEveryEventOnceInGlobalOrder()
    {
        await using var t = await CreateStoreAsync();
        var expected = new List<Guid>();
        for (int round = 0; round < 5; round++)
        {
            foreach (string stream in new[] { "x", "y", "z" })
            {
                var events = Events(stream, round + 1);
                expected.AddRange(events.Select(e => e.EventId));
                await t.Store.AppendAsync(stream, ExpectedVersion.Any, events);
            }
        }

        var all = await ReadAllAsync(t.Store, pageSize: 7);
        var firstPage = await t.Store.ReadAllAsync(0, 7);
        var afterTen = await t.Store.ReadAllAsync(10, 3);

        Assert.Equal(expected, all.Select(e => e.EventId));
        Assert.Equal(Enumerable.Range(1, expected.Count).Select(i => (long)i), all.Select(e => e.Position));
        Assert.Equal(7, firstPage.Count);
        Assert.Equal([11L, 12L, 13L], afterTen.Select(e => e.Position));
        Assert.Equal(expected.Count, await t.Provider.GetHeadPositionAsync());
        Assert.Empty(await t.Store.ReadAllAsync(expected.Count, 10));
    }

    [ComplianceFact]
    public async Task ReadAll_RawEvents_DeserializeThroughTheStore()
    {
        await using var t = await CreateStoreAsync();
        await t.Store.AppendAsync("txn_9", ExpectedVersion.NoStream, [new EventData(TestEventTypes.Created("txn_9", 42m))]);

        var page = await t.Store.ReadAllAsync(0, 10);

        Assert.Equal(TestEventTypes.Created("txn_9", 42m), t.Store.Deserialize(page[0]));
        Assert.Equal("txn_9", page[0].StreamId);
        Assert.Equal(1, page[0].StreamVersion);
    }

    [ComplianceFact]
    public async Task Append_LargeUnicodePayload_RoundTripsExactly()
    {
        await using var t = await CreateStoreAsync();
        string account = string.Concat(Enumerable.Repeat("ünïcødé-€-😀-", 2000));
        var data = new AccountCredited("txn_u", account, 12345.6789m);

        await t.Store.AppendAsync("txn_u", ExpectedVersion.NoStream, [new EventData(data)]);

        var read = await ReadStreamAsync(t.Store, "txn_u");
        Assert.Equal(data, read[0].Data);
    }

    [ComplianceFact]
    public async Task Migrate_CalledTwice_IsIdempotentAndKeepsData()
    {
        await using var t = await CreateStoreAsync();
        await t.Store.AppendAsync("s", ExpectedVersion.NoStream, Events("s", 2));

        await t.Store.MigrateAsync();
        await t.Store.MigrateAsync();

        Assert.Equal(2, (await ReadStreamAsync(t.Store, "s")).Count);
    }

    [ComplianceFact]
    public async Task Restart_SameStorage_SeesStoredEvents()
    {
        var options = new ProviderTestOptions();
        await using (var first = await CreateStoreAsync(providerOptions: options))
        {
            await first.Store.AppendAsync("s", ExpectedVersion.NoStream, Events("s", 3));
        }

        await using var second = await CreateStoreAsync(providerOptions: new ProviderTestOptions { StoreName = options.StoreName });
        var result = await second.Store.AppendAsync("s", ExpectedVersion.Exact(3), Events("s", 1));

        Assert.Equal(new AppendResult(4, 4), result);
    }
}
