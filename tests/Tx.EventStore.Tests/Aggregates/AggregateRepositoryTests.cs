using Microsoft.Extensions.DependencyInjection;
using Tx.EventStore.Aggregates;
using Tx.EventStore.Appending;
using Tx.EventStore.InMemory;
using Tx.EventStore.Providers;
using Tx.EventStore.Reading;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Tests.Aggregates;

public sealed class AggregateRepositoryTests
{
    [Fact]
    public async Task LoadAsync_ProviderKeepsTheDefaultSnapshotAndTailRead_StreamsSnapshotThenTailWithoutTheCombinedCall()
    {
        // Arrange
        var provider = new DelegatingProvider();
        await using var services = Build(provider);
        var repository = services.GetRequiredService<AggregateRepository<Counter>>();
        await SeedAsync(services, repository);

        // Act
        var loaded = await repository.LoadAsync("c-1");

        // Assert
        Assert.False(((EventStore)services.GetRequiredService<IEventStore>()).LoadsSnapshotAndTail);
        Assert.Equal(0, provider.CombinedCalls);
        Assert.Equal(5, loaded!.Version);
        Assert.Equal(5, loaded.Total);
    }

    [Fact]
    public async Task LoadAsync_ProviderOverridesSnapshotAndTail_UsesTheCombinedCallOnce()
    {
        // Arrange
        var provider = new CombiningProvider();
        await using var services = Build(provider);
        var repository = services.GetRequiredService<AggregateRepository<Counter>>();
        await SeedAsync(services, repository);

        // Act
        var loaded = await repository.LoadAsync("c-1");

        // Assert
        Assert.True(((EventStore)services.GetRequiredService<IEventStore>()).LoadsSnapshotAndTail);
        Assert.Equal(1, provider.CombinedCalls);
        Assert.Equal(5, loaded!.Version);
        Assert.Equal(5, loaded.Total);
    }

    private static ServiceProvider Build(IEventStoreProvider provider)
    {
        var services = new ServiceCollection();
        services.AddTxEventStore(o =>
        {
            o.Types.Add<Counted>("Counted");
            o.Snapshots.Interval = 3;
        }).UseProvider(_ => provider);
        return services.BuildServiceProvider();
    }

    private static async Task SeedAsync(ServiceProvider services, AggregateRepository<Counter> repository)
    {
        // Three events (snapshot at 3), then two more: a load is snapshot 3 + a 2-event tail.
        var counter = new Counter();
        counter.SetId("c-1");
        counter.Count(3);
        await repository.SaveAsync(counter);
        counter.Count(2);
        await repository.SaveAsync(counter);
        Assert.Equal(3, (await services.GetRequiredService<IEventStore>().Provider.Snapshots.LoadAsync("c-1"))!.StreamVersion);
    }

    public sealed record Counted(int Amount);

    public sealed class Counter : AggregateRoot
    {
        public int Total { get; set; }

        public void SetId(string id) => Id = id;

        public void Count(int events)
        {
            for (int i = 0; i < events; i++)
            {
                Raise(new Counted(1));
            }
        }

        protected override void Apply(object @event) => Total += ((Counted)@event).Amount;
    }

    /// <summary>The in-memory provider behind the interface's default <see cref="IEventStoreProvider.LoadSnapshotAndTailAsync"/>.</summary>
    private class DelegatingProvider : IEventStoreProvider
    {
        private readonly InMemoryEventStoreProvider _inner = new();

        public int CombinedCalls { get; protected set; }

        public ISnapshotStore Snapshots => _inner.Snapshots;

        public ICheckpointStore Checkpoints => _inner.Checkpoints;

        public ValueTask MigrateAsync(CancellationToken cancellationToken = default) => _inner.MigrateAsync(cancellationToken);

        public ValueTask<AppendResult> AppendAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<UncommittedEvent> events, CancellationToken cancellationToken = default) =>
            _inner.AppendAsync(streamId, expectedVersion, events, cancellationToken);

        public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromVersion, ReadDirection direction, int maxCount, CancellationToken cancellationToken = default) =>
            _inner.ReadStreamAsync(streamId, fromVersion, direction, maxCount, cancellationToken);

        public ValueTask<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default) =>
            _inner.ReadAllAsync(afterPosition, maxCount, cancellationToken);

        public ValueTask<long> GetHeadPositionAsync(CancellationToken cancellationToken = default) => _inner.GetHeadPositionAsync(cancellationToken);

        public ValueTask<StreamInfo> GetStreamInfoAsync(string streamId, CancellationToken cancellationToken = default) => _inner.GetStreamInfoAsync(streamId, cancellationToken);

        public ValueTask<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken cancellationToken = default) => _inner.FindEventAsync(eventId, cancellationToken);

        public ValueTask<AppendResult> DeleteStreamAsync(string streamId, ExpectedVersion expectedVersion, UncommittedEvent tombstone, CancellationToken cancellationToken = default) =>
            _inner.DeleteStreamAsync(streamId, expectedVersion, tombstone, cancellationToken);

        public ValueTask<long> TruncateStreamAsync(string streamId, long beforeVersion, CancellationToken cancellationToken = default) =>
            _inner.TruncateStreamAsync(streamId, beforeVersion, cancellationToken);

        protected async ValueTask<SnapshotTail> CombinedAsync(string streamId, CancellationToken cancellationToken)
        {
            CombinedCalls++;
            var snapshot = await _inner.Snapshots.LoadAsync(streamId, cancellationToken);
            var events = new List<RecordedEvent>();
            await foreach (var e in _inner.ReadStreamAsync(streamId, (snapshot?.StreamVersion ?? 0) + 1, ReadDirection.Forwards, int.MaxValue, cancellationToken))
            {
                events.Add(e);
            }

            return new SnapshotTail(snapshot, events);
        }
    }

    /// <summary>The same provider with its own <see cref="IEventStoreProvider.LoadSnapshotAndTailAsync"/>.</summary>
    private sealed class CombiningProvider : DelegatingProvider, IEventStoreProvider
    {
        public ValueTask<SnapshotTail> LoadSnapshotAndTailAsync(string streamId, CancellationToken cancellationToken = default) => CombinedAsync(streamId, cancellationToken);
    }
}
