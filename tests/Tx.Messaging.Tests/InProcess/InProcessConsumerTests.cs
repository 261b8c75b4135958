using Tx.Messaging.Consuming;
using Tx.Messaging.InProcess;
using Tx.Messaging.Tests.Fakes;
using Tx.Messaging.Transport;

namespace Tx.Messaging.Tests.InProcess;

public sealed class InProcessConsumerTests : IDisposable
{
    private readonly InProcessFixture _fixture = new(partitions: 4, capacity: 1000);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task ConsumeAsync_TwoMembersOfOneGroup_SplitPartitionsAndTogetherSeeEverything()
    {
        // Arrange
        for (int i = 0; i < 40; i++)
        {
            await _fixture.ProduceAsync("t", $"key-{i}", $"m{i}");
        }

        using var first = _fixture.Join("g", "t");
        using var second = _fixture.Join("g", "t");

        // Act
        List<ConsumedMessage> a = await DrainAsync(first);
        List<ConsumedMessage> b = await DrainAsync(second);

        // Assert
        Assert.Empty(a.Select(m => m.Partition).Intersect(b.Select(m => m.Partition)));
        Assert.Equal(40, a.Count + b.Count);
        Assert.Equal(2, a.Select(m => m.Partition).Distinct().Count());
    }

    [Fact]
    public async Task ConsumeAsync_MemberLeaves_RemainingMemberResumesItsPartitionsFromCommitted()
    {
        // Arrange
        for (int i = 0; i < 40; i++)
        {
            await _fixture.ProduceAsync("t", $"key-{i}", $"m{i}");
        }

        using var stays = _fixture.Join("g", "t");
        var leaves = _fixture.Join("g", "t");
        ConsumedMessage handled = await leaves.ConsumeAsync(CancellationToken.None);
        leaves.StoreOffset(handled);
        await leaves.ConsumeAsync(CancellationToken.None); // in flight, never stored

        // Act
        leaves.Dispose();
        List<ConsumedMessage> all = await DrainAsync(stays);

        // Assert: everything but the one stored message, including the in-flight one.
        Assert.Equal(39, all.Count);
        Assert.DoesNotContain(all, m => m.Partition == handled.Partition && m.Offset == handled.Offset);
    }

    [Fact]
    public async Task StoreOffset_AfterRebalance_IsDroppedSoTheMessageComesAgain()
    {
        await _fixture.ProduceAsync("t", "k", "m0");
        using var first = _fixture.Join("g", "t");
        ConsumedMessage message = await first.ConsumeAsync(CancellationToken.None);

        using var second = _fixture.Join("g", "t");
        first.StoreOffset(message);
        second.Dispose();
        ConsumedMessage again = await first.ConsumeAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(message.Offset, again.Offset);
        Assert.Equal(message.Partition, again.Partition);
    }

    [Fact]
    public async Task ConsumeAsync_LatestReset_SkipsMessagesProducedBeforeTheGroupStarted()
    {
        using var fixture = new InProcessFixture(partitions: 1);
        await fixture.ProduceAsync("t", "k", "old");

        using var consumer = fixture.Join("g", "t", AutoOffsetReset.Latest);
        await fixture.ProduceAsync("t", "k", "new");
        ConsumedMessage message = await consumer.ConsumeAsync(CancellationToken.None);

        Assert.Equal(1, message.Offset);
    }

    [Fact]
    public async Task ConsumeAsync_NothingThenMessageProduced_WakesUp()
    {
        using var consumer = _fixture.Join("g", "t");
        Task<ConsumedMessage> waiting = consumer.ConsumeAsync(CancellationToken.None).AsTask();
        bool waitedForData = !waiting.IsCompleted;

        await _fixture.ProduceAsync("t", "k", "v");
        ConsumedMessage message = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(waitedForData);
        Assert.Equal("k", message.Key);
    }

    [Fact]
    public async Task ConsumeAsync_RecordsAlreadyAppended_TakesThemAllWithoutParking()
    {
        // Arrange
        using var fixture = new InProcessFixture(partitions: 1, capacity: 1000);
        for (int i = 0; i < 200; i++)
        {
            await fixture.ProduceAsync("t", $"key-{i % 10}", $"m{i}");
        }

        using var consumer = fixture.Join("g", "t");

        // Act
        var offsets = new List<long>();
        for (int i = 0; i < 200; i++)
        {
            ValueTask<ConsumedMessage> next = consumer.ConsumeAsync(CancellationToken.None);
            Assert.True(next.IsCompletedSuccessfully);
            ConsumedMessage message = await next;
            offsets.Add(message.Offset);
            consumer.StoreOffset(message);
        }

        // Assert: every record came from a batch read, in order, and repeating keys were served from the cache.
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), offsets);
        Assert.Equal(0, consumer.Parks);
        Assert.Equal(200, consumer.Taken);
        Assert.True(consumer.KeyCacheHits >= 100, $"key cache hits: {consumer.KeyCacheHits}");
    }

    [Fact]
    public async Task ConsumeAsync_ParkedThenSeveralAppended_OneWakeUpDeliversThemAll()
    {
        // Arrange
        using var fixture = new InProcessFixture(partitions: 1);
        using var consumer = fixture.Join("g", "t");
        Task<ConsumedMessage> waiting = consumer.ConsumeAsync(CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        // Act
        for (int i = 0; i < 50; i++)
        {
            await fixture.ProduceAsync("t", "k", $"m{i}");
        }

        ConsumedMessage first = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        consumer.StoreOffset(first);
        int rest = 0;
        for (int i = 0; i < 49; i++)
        {
            ValueTask<ConsumedMessage> next = consumer.ConsumeAsync(CancellationToken.None);
            if (!next.IsCompletedSuccessfully)
            {
                break;
            }

            consumer.StoreOffset(await next);
            rest++;
        }

        // Assert
        Assert.Equal(49, rest);
        Assert.Equal(1, consumer.Parks);
    }

    [Fact]
    public async Task ConsumeAsync_ProducerOnAnotherThreadWhileMembersParkOften_NoWakeUpIsLost()
    {
        // Arrange: two members (one partition each) that keep draining their partition and parking, and
        // a producer on another thread that yields between messages, so appends race with members arming.
        using var fixture = new InProcessFixture(partitions: 2, capacity: 100_000);
        using var first = fixture.Join("g", "t");
        using var second = fixture.Join("g", "t");
        const int Count = 20_000;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        int handled = 0;
        async Task ConsumeAsync(InProcessConsumer consumer)
        {
            while (Volatile.Read(ref handled) < Count)
            {
                ConsumedMessage message;
                try
                {
                    message = await consumer.ConsumeAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (Volatile.Read(ref handled) == Count)
                {
                    return;
                }

                consumer.StoreOffset(message);
                if (Interlocked.Increment(ref handled) == Count)
                {
                    await timeout.CancelAsync();
                }
            }
        }

        Task consuming = Task.WhenAll(Task.Run(() => ConsumeAsync(first)), Task.Run(() => ConsumeAsync(second)));

        // Act
        await Task.Run(async () =>
        {
            for (int i = 0; i < Count; i++)
            {
                await fixture.ProduceAsync("t", $"k{i % 7}", "v");
                if (i % 3 == 0)
                {
                    await Task.Yield();
                }
            }
        });

        // Assert: the last message of each partition was taken too (a lost wake-up would leave it behind
        // until the generous bound expires), and the members did park and get woken along the way.
        await consuming;
        Assert.Equal(Count, handled);
        Assert.Equal(Count, first.Taken + second.Taken);
        Assert.True(first.Parks + second.Parks > 0);
    }

    [Fact]
    public async Task GetLag_SomeConsumed_ReportsProducedMinusCommittedPerPartition()
    {
        using var fixture = new InProcessFixture(partitions: 1);
        for (int i = 0; i < 5; i++)
        {
            await fixture.ProduceAsync("t", "k", $"m{i}");
        }

        using var consumer = fixture.Join("g", "t");
        consumer.StoreOffset(await consumer.ConsumeAsync(CancellationToken.None));
        consumer.StoreOffset(await consumer.ConsumeAsync(CancellationToken.None));

        ConsumerLag lag = Assert.Single(consumer.GetLag());
        Assert.Equal(new ConsumerLag("t", 0, 3), lag);
    }

    [Fact]
    public async Task ResetOffset_AfterTheRingWrappedManyTimes_ReplaysTheRetainedMessagesFromThatOffset()
    {
        // Arrange: one partition retaining 8, 100 messages of varying size produced (the ring wrapped).
        using var fixture = new InProcessFixture(partitions: 1, capacity: 8);
        for (int i = 0; i < 100; i++)
        {
            await fixture.ProduceAsync("t", $"k{i}", new string((char)('a' + (i % 26)), 1 + (i * 53 % 700)) + $"|{i}");
        }

        var administrator = new InProcessTopicAdministrator(fixture.Broker);
        await administrator.ResetOffsetAsync("replay", "t", 0, 95);
        using var consumer = fixture.Join("replay", "t");

        // Act
        List<ConsumedMessage> replayed = await DrainAsync(consumer);

        // Assert: exactly offsets 95..99, each with its own key and value.
        Assert.Equal([95L, 96, 97, 98, 99], replayed.Select(m => m.Offset));
        Assert.All(replayed, m => Assert.Equal($"k{m.Offset}", m.Key));
        Assert.All(replayed, m => Assert.EndsWith($"|{m.Offset}", System.Text.Encoding.UTF8.GetString(m.Value.Span), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResetOffset_BelowRetentionAfterWrap_StartsAtTheOldestRetained()
    {
        using var fixture = new InProcessFixture(partitions: 1, capacity: 8);
        for (int i = 0; i < 50; i++)
        {
            await fixture.ProduceAsync("t", "k", $"m{i}");
        }

        await new InProcessTopicAdministrator(fixture.Broker).ResetOffsetAsync("replay", "t", 0, 3);
        using var consumer = fixture.Join("replay", "t");

        List<ConsumedMessage> replayed = await DrainAsync(consumer);

        Assert.Equal(Enumerable.Range(42, 8).Select(i => $"m{i}"), replayed.Select(m => System.Text.Encoding.UTF8.GetString(m.Value.Span)));
    }

    [Fact]
    public async Task ProduceAsync_SlowGroupOverManyWraps_ProducerWaitsAndGroupSeesEveryMessageInOrder()
    {
        // Arrange: a running group that consumes only when the test lets it, a partition retaining 4.
        using var fixture = new InProcessFixture(partitions: 1, capacity: 4);
        using var consumer = fixture.Join("slow", "t");
        var seen = new List<string>();

        // Act: each fifth message must wait for the group to commit one.
        for (int i = 0; i < 40; i++)
        {
            ValueTask<Tx.Messaging.Producing.DeliveryResult> produced = fixture.ProduceAsync("t", "k", $"m{i}-{new string('x', i * 31 % 500)}");
            if (i >= 4)
            {
                Assert.False(produced.IsCompleted, $"message {i} did not wait for the slow group");
                ConsumedMessage next = await consumer.ConsumeAsync(CancellationToken.None);
                consumer.StoreOffset(next);
                seen.Add(System.Text.Encoding.UTF8.GetString(next.Value.Span).Split('-')[0]);
            }

            Assert.Equal(i, (await produced.AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Offset);
        }

        seen.AddRange((await DrainAsync(consumer)).Select(m => System.Text.Encoding.UTF8.GetString(m.Value.Span).Split('-')[0]));

        // Assert
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"m{i}"), seen);
    }

    private static async Task<List<ConsumedMessage>> DrainAsync(InProcessConsumer consumer)
    {
        var messages = new List<ConsumedMessage>();
        while (true)
        {
            using var idle = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            try
            {
                ConsumedMessage message = await consumer.ConsumeAsync(idle.Token);
                consumer.StoreOffset(message);
                messages.Add(message);
            }
            catch (OperationCanceledException)
            {
                return messages;
            }
        }
    }
}
