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
