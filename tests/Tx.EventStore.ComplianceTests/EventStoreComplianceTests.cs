using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tx.EventStore.Appending;
using Tx.EventStore.ComplianceTests.Events;
using Tx.EventStore.Reading;
using Tx.EventStore.Streams;

namespace Tx.EventStore.ComplianceTests;

/// <summary>The base of every compliance test class: builds stores over the fixture's provider.</summary>
public abstract class EventStoreComplianceTests(EventStoreProviderFixture fixture)
{
    protected static readonly DateTimeOffset Start = new(2025, 11, 14, 10, 0, 0, TimeSpan.Zero);

    protected static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    protected EventStoreProviderFixture Fixture { get; } = fixture;

    protected FakeTimeProvider Time { get; } = new(Start);

    protected async Task<TestStore> CreateStoreAsync(
        Action<EventStoreOptions>? configure = null,
        ProviderTestOptions? providerOptions = null,
        Action<ITxEventStoreBuilder>? build = null,
        TimeProvider? timeProvider = null)
    {
        providerOptions ??= new ProviderTestOptions();
        var provider = await Fixture.CreateProviderAsync(providerOptions);
        var services = new ServiceCollection();
        services.AddSingleton(timeProvider ?? Time);
        var builder = services.AddTxEventStore(o =>
        {
            TestEventTypes.Register(o);
            configure?.Invoke(o);
        }).UseProvider(_ => provider);
        build?.Invoke(builder);
        return new TestStore(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }), providerOptions.StoreName);
    }

    protected static EventData[] Events(string transactionId, int count, int startAmount = 1)
    {
        var events = new EventData[count];
        for (int i = 0; i < count; i++)
        {
            events[i] = new EventData(new AccountDebited(transactionId, "acc_1", startAmount + i), new EventMetadata("corr-" + transactionId, "cause-" + i, "user-1"));
        }

        return events;
    }

    protected static async Task<List<ResolvedEvent>> ReadStreamAsync(IEventStore store, string streamId, long from = StreamPosition.Start, ReadDirection direction = ReadDirection.Forwards, int maxCount = int.MaxValue)
    {
        var list = new List<ResolvedEvent>();
        await foreach (var e in store.ReadStreamAsync(streamId, from, direction, maxCount))
        {
            list.Add(e);
        }

        return list;
    }

    protected static async Task<List<RecordedEvent>> ReadAllAsync(IEventStore store, long after = 0, int pageSize = 1000)
    {
        var list = new List<RecordedEvent>();
        while (true)
        {
            var page = await store.ReadAllAsync(after, pageSize);
            if (page.Count == 0)
            {
                return list;
            }

            list.AddRange(page);
            after = page[^1].Position;
        }
    }

    protected static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(5);
        }
    }
}
