using System.Collections.Concurrent;
using Tx.EventStore.Appending;
using Tx.EventStore.ComplianceTests.Events;
using Tx.EventStore.ComplianceTests.Gating;
using Tx.EventStore.Reading;
using Tx.EventStore.Streams;

namespace Tx.EventStore.ComplianceTests;

/// <summary>Catch-up subscriptions from a stored checkpoint: at least once, in order, resuming after a crash; outbox; mirror.</summary>
public abstract class SubscriptionComplianceTests(EventStoreProviderFixture fixture) : EventStoreComplianceTests(fixture)
{
    [ComplianceFact]
    public async Task Subscription_CrashMidBatch_ResumesFromCheckpointWithoutLosingEvents()
    {
        var storage = new ProviderTestOptions();
        var firstRun = new RecordingHandler { HangAfter = 35 };
        await using (var t = await CreateSubscribedStoreAsync(storage, firstRun))
        {
            for (int s = 0; s < 5; s++)
            {
                await t.Store.AppendAsync("txn_" + s, ExpectedVersion.NoStream, Events("txn_" + s, 20));
            }

            await t.StartHostedServicesAsync();
            await firstRun.Hung.Task.WaitAsync(WaitLimit);
        }

        var secondRun = new RecordingHandler();
        await using var restarted = await CreateSubscribedStoreAsync(new ProviderTestOptions { StoreName = storage.StoreName }, secondRun);
        await restarted.StartHostedServicesAsync();
        await WaitUntilAsync(() => secondRun.Received.Any(e => e.Position == 100), "the restarted subscription reaches position 100");

        Assert.Equal(35, firstRun.Count);
        Assert.Equal(31, secondRun.Received[0].Position);
        Assert.Equal(Enumerable.Range(31, 70).Select(i => (long)i), secondRun.Received.Select(e => e.Position));
        var union = firstRun.Received.Concat(secondRun.Received).Select(e => e.EventId).ToHashSet();
        Assert.Equal(100, union.Count);
        await WaitUntilAsync(() => restarted.Provider.Checkpoints.LoadAsync("projector").AsTask().Result == 100, "the checkpoint reaches 100");
    }

    [ComplianceFact]
    public async Task Subscription_LiveAppends_DeliveredInOrderPerStream()
    {
        var handler = new RecordingHandler();
        await using var t = await CreateSubscribedStoreAsync(new ProviderTestOptions(), handler);
        await t.StartHostedServicesAsync();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < 10; i++)
            {
                await t.Store.AppendAsync("live-" + w, ExpectedVersion.Exact(i * 2), Events("live", 2));
            }
        })));
        await WaitUntilAsync(() => handler.Count == 60, "60 events are delivered");

        foreach (var stream in handler.Received.GroupBy(e => e.StreamId))
        {
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), stream.Select(e => e.StreamVersion));
        }

        Assert.Equal(handler.Received.Select(e => e.Position).Order(), handler.Received.Select(e => e.Position));
    }

    [ComplianceFact]
    public async Task Subscription_HandlerFails_SameBatchIsRetriedAndNothingSkipped()
    {
        var handler = new RecordingHandler { FailFirstBatches = 2 };
        await using var t = await CreateSubscribedStoreAsync(new ProviderTestOptions(), handler);
        await t.Store.AppendAsync("s", ExpectedVersion.NoStream, Events("s", 25));

        await t.StartHostedServicesAsync();
        await WaitUntilAsync(() => handler.Count == 25, "25 events are delivered");

        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), handler.Received.Select(e => e.Position));
        Assert.True(handler.Batches >= 5);
    }

    [ComplianceFact]
    public async Task Outbox_PublishesEveryEventOnceInOrder()
    {
        var published = new ConcurrentQueue<(string Key, string Type, long Version)>();
        await using var t = await CreateStoreAsync(
            build: b => b.AddOutbox("kafka-publisher", (e, _) =>
            {
                published.Enqueue((e.StreamId, e.EventType, e.StreamVersion));
                return ValueTask.CompletedTask;
            }, o => o.PollInterval = TimeSpan.FromMilliseconds(20)),
            timeProvider: TimeProvider.System);
        await t.StartHostedServicesAsync();

        await t.Store.AppendAsync("txn_123", ExpectedVersion.NoStream, [new EventData(TestEventTypes.Created("txn_123")), new EventData(new RiskAssessmentPassed("txn_123", 0.2))]);
        await t.Store.AppendAsync("txn_456", ExpectedVersion.NoStream, [new EventData(TestEventTypes.Created("txn_456"))]);
        await WaitUntilAsync(() => published.Count == 3, "3 events are published");

        Assert.Equal(
            [("txn_123", "TransactionCreated", 1L), ("txn_123", "RiskAssessmentPassed", 2L), ("txn_456", "TransactionCreated", 1L)],
            published.ToArray());
    }

    [ComplianceFact]
    public async Task Mirror_CopiesStreamsVersionsIdsAndDeletions_AndSurvivesARestart()
    {
        // Each container may dispose its provider instances, so every run opens the target storage anew.
        var targetStorage = new ProviderTestOptions();
        var target = await Fixture.CreateProviderAsync(targetStorage);
        var storage = new ProviderTestOptions();
        await using (var source = await CreateStoreAsync(providerOptions: storage, build: b => b.AddMirror("mirror", _ => target, o => o.BatchSize = 7), timeProvider: TimeProvider.System))
        {
            await source.Store.AppendAsync("txn_1", ExpectedVersion.NoStream, Events("txn_1", 5));
            await source.Store.AppendAsync("txn_2", ExpectedVersion.NoStream, Events("txn_2", 3));
            await source.StartHostedServicesAsync();
            await WaitUntilAsync(() => target.GetHeadPositionAsync().AsTask().Result >= 8, "the mirror copies 8 events");
        }

        target = await Fixture.CreateProviderAsync(new ProviderTestOptions { StoreName = targetStorage.StoreName });
        await using var restarted = await CreateStoreAsync(providerOptions: new ProviderTestOptions { StoreName = storage.StoreName }, build: b => b.AddMirror("mirror", _ => target, o => o.BatchSize = 7), timeProvider: TimeProvider.System);
        await restarted.Store.AppendAsync("txn_1", ExpectedVersion.Exact(5), Events("txn_1", 4));
        await restarted.Store.DeleteStreamAsync("txn_2", ExpectedVersion.Exact(3));
        await restarted.StartHostedServicesAsync();
        await WaitUntilAsync(() => target.GetStreamInfoAsync("txn_2").AsTask().Result.IsDeleted, "the deletion is mirrored");

        var sourceEvents = await ReadAllAsync(restarted.Store);
        var targetEvents = new List<RecordedEvent>();
        await foreach (var e in target.ReadStreamAsync("txn_1", 1, ReadDirection.Forwards, int.MaxValue))
        {
            targetEvents.Add(e);
        }

        Assert.Equal(sourceEvents.Where(e => e.StreamId == "txn_1").Select(e => (e.EventId, e.StreamVersion, e.EventType)), targetEvents.Select(e => (e.EventId, e.StreamVersion, e.EventType)));
        Assert.Equal(9, (await target.GetStreamInfoAsync("txn_1")).Version);
        Assert.Equal(new StreamInfo("txn_2", 4, true), await target.GetStreamInfoAsync("txn_2"));
        Assert.Equal(sourceEvents.Count, (await target.ReadAllAsync(0, 1000)).Count);
    }

    private Task<TestStore> CreateSubscribedStoreAsync(ProviderTestOptions storage, RecordingHandler handler) =>
        CreateStoreAsync(
            providerOptions: storage,
            build: b => b.AddSubscription("projector", _ => handler, o =>
            {
                o.BatchSize = 10;
                o.PollInterval = TimeSpan.FromMilliseconds(20);
                o.RetryDelay = TimeSpan.FromMilliseconds(10);
            }),
            timeProvider: TimeProvider.System);
}
