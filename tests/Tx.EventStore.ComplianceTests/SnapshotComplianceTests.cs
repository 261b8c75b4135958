using Microsoft.Extensions.DependencyInjection;
using Tx.EventStore.Aggregates;
using Tx.EventStore.ComplianceTests.Events;
using Tx.EventStore.ComplianceTests.Gating;
using Tx.EventStore.Providers;
using Tx.EventStore.Streams;

namespace Tx.EventStore.ComplianceTests;

/// <summary>Snapshots: stored per stream with their version, only of stored events; load = latest snapshot + tail.</summary>
public abstract class SnapshotComplianceTests(EventStoreProviderFixture fixture) : EventStoreComplianceTests(fixture)
{
    [ComplianceFact]
    public async Task SnapshotStore_SaveAndLoad_KeepsOnlyTheNewest()
    {
        await using var t = await CreateStoreAsync();
        var snapshots = t.Provider.Snapshots;
        byte[] v5 = "{\"v\":5}"u8.ToArray();
        byte[] v3 = "{\"v\":3}"u8.ToArray();

        await snapshots.SaveAsync(new SnapshotRecord("s", 5, "T", 1, v5, Start));
        await snapshots.SaveAsync(new SnapshotRecord("s", 3, "T", 1, v3, Start));
        await snapshots.SaveAsync(new SnapshotRecord("other", 9, "T", 2, v3, Start.AddHours(1)));
        var loaded = await snapshots.LoadAsync("s");
        var other = await snapshots.LoadAsync("other");

        Assert.NotNull(loaded);
        Assert.Equal(5, loaded.StreamVersion);
        Assert.Equal("T", loaded.SnapshotType);
        Assert.Equal(1, loaded.SchemaVersion);
        Assert.Equal(v5, loaded.Data.ToArray());
        Assert.Equal(Start, loaded.Timestamp);
        Assert.Equal(2, other!.SchemaVersion);
        Assert.Null(await snapshots.LoadAsync("missing"));

        await snapshots.DeleteAsync("s");
        Assert.Null(await snapshots.LoadAsync("s"));
        Assert.NotNull(await snapshots.LoadAsync("other"));
    }

    [ComplianceFact]
    public async Task SnapshotStore_NewerVersion_ReplacesOlder()
    {
        await using var t = await CreateStoreAsync();

        await t.Provider.Snapshots.SaveAsync(new SnapshotRecord("s", 1000, "T", 1, "{}"u8.ToArray(), Start));
        await t.Provider.Snapshots.SaveAsync(new SnapshotRecord("s", 2000, "T", 1, "{\"x\":1}"u8.ToArray(), Start));

        Assert.Equal(2000, (await t.Provider.Snapshots.LoadAsync("s"))!.StreamVersion);
    }

    [ComplianceFact]
    public async Task LoadSnapshotAndTail_SnapshotNoneMissingAndDeleted_ReturnsTheSnapshotAndOnlyTheEventsAfterIt()
    {
        await using var t = await CreateStoreAsync();
        await t.Store.AppendAsync("s", ExpectedVersion.NoStream, Events("s", 5));
        await t.Store.AppendAsync("plain", ExpectedVersion.NoStream, Events("plain", 2));
        await t.Store.AppendAsync("gone", ExpectedVersion.NoStream, Events("gone", 1));
        await t.Store.DeleteStreamAsync("gone", ExpectedVersion.Any);
        await t.Provider.Snapshots.SaveAsync(new SnapshotRecord("s", 3, "T", 1, "{\"v\":3}"u8.ToArray(), Start));

        var withSnapshot = await t.Provider.LoadSnapshotAndTailAsync("s");
        var withoutSnapshot = await t.Provider.LoadSnapshotAndTailAsync("plain");
        var missing = await t.Provider.LoadSnapshotAndTailAsync("missing");

        Assert.Equal(3, withSnapshot.Snapshot!.StreamVersion);
        Assert.Equal("{\"v\":3}"u8.ToArray(), withSnapshot.Snapshot.Data.ToArray());
        Assert.Equal([4L, 5L], withSnapshot.Events.Select(e => e.StreamVersion));
        Assert.All(withSnapshot.Events, e => Assert.Equal("s", e.StreamId));
        Assert.Null(withoutSnapshot.Snapshot);
        Assert.Equal([1L, 2L], withoutSnapshot.Events.Select(e => e.StreamVersion));
        Assert.Null(missing.Snapshot);
        Assert.Empty(missing.Events);
        await Assert.ThrowsAsync<StreamDeletedException>(() => t.Provider.LoadSnapshotAndTailAsync("gone").AsTask());
    }

    [ComplianceFact]
    public async Task SaveSnapshot_BeyondStoredEvents_IsRejected()
    {
        await using var t = await CreateStoreAsync();
        await t.Store.AppendAsync("s", ExpectedVersion.NoStream, Events("s", 3));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => t.Store.SaveSnapshotAsync("s", 4, new TransactionAggregate()).AsTask());

        Assert.Null(await t.Provider.Snapshots.LoadAsync("s"));
    }

    [ComplianceFact]
    public async Task AggregateRepository_EveryNEvents_SnapshotsAndLoadsSnapshotPlusTail()
    {
        await using var t = await CreateStoreAsync(o => o.Snapshots.Interval = 10);
        var repository = t.Services.GetRequiredService<AggregateRepository<TransactionAggregate>>();
        var aggregate = TransactionAggregate.Create("txn_big", 100m);
        await repository.SaveAsync(aggregate);
        for (int i = 0; i < 24; i++)
        {
            aggregate.Debit("acc_1", 1m);
            await repository.SaveAsync(aggregate);
        }

        var snapshot = await t.Provider.Snapshots.LoadAsync("txn_big");
        var loaded = await repository.LoadAsync("txn_big");

        Assert.Equal(20, snapshot!.StreamVersion);
        Assert.NotNull(loaded);
        Assert.Equal(25, loaded.Version);
        Assert.Equal(24m, loaded.Debited);
        Assert.Equal(25, loaded.EventCount);
        Assert.Equal("PENDING", loaded.Status);
        Assert.Equal(5, loaded.AppliedHere);
    }

    [ComplianceFact]
    public async Task AggregateRepository_Predicate_DecidesWhenToSnapshot()
    {
        await using var t = await CreateStoreAsync(o => o.Snapshots.ShouldTakeSnapshot = c => c.Version - c.LastSnapshotVersion >= 3);
        var repository = t.Services.GetRequiredService<AggregateRepository<TransactionAggregate>>();
        var aggregate = TransactionAggregate.Create("txn_p", 5m);
        await repository.SaveAsync(aggregate);
        aggregate.Debit("a", 1m);
        await repository.SaveAsync(aggregate);
        Assert.Null(await t.Provider.Snapshots.LoadAsync("txn_p"));

        aggregate.Credit("b", 1m);
        await repository.SaveAsync(aggregate);

        Assert.Equal(3, (await t.Provider.Snapshots.LoadAsync("txn_p"))!.StreamVersion);
    }

    [ComplianceFact]
    public async Task AggregateRepository_StaleCopySaved_ThrowsWrongExpectedVersion()
    {
        await using var t = await CreateStoreAsync();
        var repository = t.Services.GetRequiredService<AggregateRepository<TransactionAggregate>>();
        await repository.SaveAsync(TransactionAggregate.Create("txn_c", 10m));
        var first = await repository.LoadAsync("txn_c");
        var second = await repository.LoadAsync("txn_c");
        first!.Debit("a", 1m);
        second!.Credit("b", 1m);
        await repository.SaveAsync(first);

        var ex = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => repository.SaveAsync(second).AsTask());

        Assert.Equal(1, ex.ExpectedVersion.Value);
        Assert.Equal(2, ex.ActualVersion);
    }

    [ComplianceFact]
    public async Task AggregateRepository_NewAggregateOnExistingStream_ThrowsWrongExpectedVersion()
    {
        await using var t = await CreateStoreAsync();
        var repository = t.Services.GetRequiredService<AggregateRepository<TransactionAggregate>>();
        await repository.SaveAsync(TransactionAggregate.Create("txn_d", 10m));

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => repository.SaveAsync(TransactionAggregate.Create("txn_d", 20m)).AsTask());
    }

    [ComplianceFact]
    public async Task AggregateRepository_SnapshotOfAnotherSchemaVersion_IsIgnored()
    {
        var options = new ProviderTestOptions();
        await using (var t = await CreateStoreAsync(o => o.Snapshots.Interval = 2, options))
        {
            var repository = t.Services.GetRequiredService<AggregateRepository<TransactionAggregate>>();
            var aggregate = TransactionAggregate.Create("txn_s", 10m);
            aggregate.Debit("a", 1m);
            aggregate.Debit("a", 2m);
            await repository.SaveAsync(aggregate);
        }

        await using var upgraded = await CreateStoreAsync(o => o.Snapshots.SchemaVersion = 2, new ProviderTestOptions { StoreName = options.StoreName });
        var loaded = await upgraded.Services.GetRequiredService<AggregateRepository<TransactionAggregate>>().LoadAsync("txn_s");

        Assert.Equal(3, loaded!.AppliedHere);
        Assert.Equal(3m, loaded.Debited);
    }

    [ComplianceFact]
    public async Task LoadAsync_MissingStream_ReturnsNull()
    {
        await using var t = await CreateStoreAsync();

        Assert.Null(await t.Services.GetRequiredService<AggregateRepository<TransactionAggregate>>().LoadAsync("nobody"));
    }
}
