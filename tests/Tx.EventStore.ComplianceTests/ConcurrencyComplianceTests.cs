using Tx.EventStore.ComplianceTests.Gating;
using Tx.EventStore.Streams;

namespace Tx.EventStore.ComplianceTests;

/// <summary>Optimistic concurrency: conflicts carry stream, expected and actual version; parallel writers never both win.</summary>
public abstract class ConcurrencyComplianceTests(EventStoreProviderFixture fixture) : EventStoreComplianceTests(fixture)
{
    [ComplianceFact]
    public async Task Append_WrongExactVersion_ThrowsWithStreamExpectedAndActualAndWritesNothing()
    {
        await using var t = await CreateStoreAsync();
        await t.Store.AppendAsync("txn_1", ExpectedVersion.NoStream, Events("txn_1", 3));

        var ex = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => t.Store.AppendAsync("txn_1", ExpectedVersion.Exact(2), Events("txn_1", 2)).AsTask());

        Assert.Equal("txn_1", ex.StreamId);
        Assert.Equal(ExpectedVersion.Exact(2), ex.ExpectedVersion);
        Assert.Equal(3, ex.ActualVersion);
        Assert.Contains("txn_1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await t.Store.GetStreamInfoAsync("txn_1")).Version);
        Assert.Equal(3, (await ReadAllAsync(t.Store)).Count);
    }

    [ComplianceFact]
    public async Task Append_NoStreamOnExistingStream_Throws()
    {
        await using var t = await CreateStoreAsync();
        await t.Store.AppendAsync("s", ExpectedVersion.NoStream, Events("s", 1));

        var ex = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => t.Store.AppendAsync("s", ExpectedVersion.NoStream, Events("s", 1)).AsTask());

        Assert.Equal(ExpectedVersion.NoStream, ex.ExpectedVersion);
        Assert.Equal(1, ex.ActualVersion);
    }

    [ComplianceFact]
    public async Task Append_ExactVersionOnMissingStream_ThrowsWithActualZero()
    {
        await using var t = await CreateStoreAsync();

        var ex = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => t.Store.AppendAsync("s", ExpectedVersion.Exact(4), Events("s", 1)).AsTask());

        Assert.Equal(0, ex.ActualVersion);
        Assert.Empty(await ReadAllAsync(t.Store));
    }

    [ComplianceFact]
    public async Task Append_ParallelWritersWithSameExpectedVersion_ExactlyOneWins()
    {
        await using var t = await CreateStoreAsync();
        await t.Store.AppendAsync("hot", ExpectedVersion.NoStream, Events("hot", 1));
        const int Writers = 8;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
        {
            await Task.Yield();
            try
            {
                await t.Store.AppendAsync("hot", ExpectedVersion.Exact(1), Events("hot", 2));
                return (Exception?)null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        }));

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.Where(o => o is not null), o =>
        {
            var conflict = Assert.IsType<WrongExpectedVersionException>(o);
            Assert.Equal(3, conflict.ActualVersion);
        });
        Assert.Equal(3, (await t.Store.GetStreamInfoAsync("hot")).Version);
        Assert.Equal([1L, 2L, 3L], (await ReadStreamAsync(t.Store, "hot")).Select(e => e.StreamVersion));
    }

    [ComplianceFact]
    public async Task Append_ParallelWritersRetryingOnConflict_StoreEveryEventWithoutGaps()
    {
        await using var t = await CreateStoreAsync();
        const int Writers = 4;
        const int AppendsEach = 15;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async w =>
        {
            for (int i = 0; i < AppendsEach; i++)
            {
                while (true)
                {
                    long version = (await t.Store.GetStreamInfoAsync("counter")).Version;
                    try
                    {
                        await t.Store.AppendAsync("counter", ExpectedVersion.Exact(version), Events("counter", 1, w * 1000 + i));
                        break;
                    }
                    catch (WrongExpectedVersionException)
                    {
                        await Task.Yield();
                    }
                }
            }
        }));

        var read = await ReadStreamAsync(t.Store, "counter");
        Assert.Equal(Enumerable.Range(1, Writers * AppendsEach).Select(i => (long)i), read.Select(e => e.StreamVersion));
        var all = await ReadAllAsync(t.Store);
        Assert.Equal(Writers * AppendsEach, all.Select(e => e.Position).Distinct().Count());
    }

    [ComplianceFact]
    public async Task Append_ParallelWritersOnDistinctStreams_AllSucceedWithUniqueIncreasingPositions()
    {
        await using var t = await CreateStoreAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async w =>
        {
            var list = new List<long>();
            for (int i = 0; i < 10; i++)
            {
                var r = await t.Store.AppendAsync("w-" + w, ExpectedVersion.Exact(i * 2), Events("w-" + w, 2));
                list.Add(r.Position);
            }

            return list;
        }));

        Assert.All(results, positions => Assert.Equal(positions.Order(), positions));
        Assert.Equal(160, (await ReadAllAsync(t.Store)).Select(e => e.Position).Distinct().Count());
        Assert.All(Enumerable.Range(0, 8), w => Assert.Equal(20, t.Store.GetStreamInfoAsync("w-" + w).AsTask().Result.Version));
    }
}
