using System.Text;
using Tx.Messaging.Consuming;
using Tx.Messaging.InProcess;
using Tx.Messaging.Producing;
using Tx.Messaging.Tests.Fakes;

namespace Tx.Messaging.Tests.InProcess;

public sealed class InProcessProducerTests : IDisposable
{
    private readonly InProcessFixture _fixture = new(partitions: 1, capacity: 4);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task ProduceAsync_PartitionFullAndRunningGroupBehind_WaitsUntilGroupCommits()
    {
        // Arrange: a running group that has consumed nothing, and a full partition.
        using var consumer = _fixture.Join("slow", "t");
        for (int i = 0; i < 4; i++)
        {
            await _fixture.ProduceAsync("t", "k", $"m{i}");
        }

        // Act
        Task<DeliveryResult> fifth = _fixture.ProduceAsync("t", "k", "m4").AsTask();
        bool waitedWhileBehind = !fifth.IsCompleted;
        ConsumedMessage first = await consumer.ConsumeAsync(CancellationToken.None);
        consumer.StoreOffset(first);
        DeliveryResult result = await fifth.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert: memory stayed bounded (the producer waited), then the oldest committed record made room.
        Assert.True(waitedWhileBehind);
        Assert.Equal(4, result.Offset);
        Assert.Equal(1, _fixture.Broker.FindTopic("t")!.Partitions[0].Start);
    }

    [Fact]
    public async Task ProduceAsync_PartitionFullAndWaiting_CancellationStopsTheWait()
    {
        using var consumer = _fixture.Join("slow", "t");
        for (int i = 0; i < 4; i++)
        {
            await _fixture.ProduceAsync("t", "k", $"m{i}");
        }

        using var cts = new CancellationTokenSource();
        Task<DeliveryResult> fifth = _fixture.ProduceAsync("t", "k", "m4", cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fifth);
    }

    [Fact]
    public async Task ProduceAsync_PartitionFullNoRunningGroup_DropsOldestLikeRetention()
    {
        // Act
        for (int i = 0; i < 6; i++)
        {
            await _fixture.ProduceAsync("t", "k", $"m{i}");
        }

        using var consumer = _fixture.Join("late", "t");
        ConsumedMessage first = await consumer.ConsumeAsync(CancellationToken.None);

        // Assert
        Assert.Equal(2, first.Offset);
        Assert.Equal("m2", Encoding.UTF8.GetString(first.Value.Span));
    }

    [Fact]
    public async Task ProduceAsync_RunningGroupLeaves_WaitingProducerProceeds()
    {
        var consumer = _fixture.Join("slow", "t");
        for (int i = 0; i < 4; i++)
        {
            await _fixture.ProduceAsync("t", "k", $"m{i}");
        }

        Task<DeliveryResult> fifth = _fixture.ProduceAsync("t", "k", "m4").AsTask();
        consumer.Dispose();

        Assert.Equal(4, (await fifth.WaitAsync(TimeSpan.FromSeconds(10))).Offset);
    }

    [Fact]
    public async Task ProduceAsync_CommitLandsWhileTheProducerDecidesToWait_ProducerStillProceeds()
    {
        // Arrange: a full partition whose only running group has consumed both records but committed neither.
        using var fixture = new InProcessFixture(partitions: 1, capacity: 2);
        using var consumer = fixture.Join("g", "t");
        await fixture.ProduceAsync("t", "k", "m0");
        await fixture.ProduceAsync("t", "k", "m1");
        _ = await consumer.ConsumeAsync(CancellationToken.None);
        ConsumedMessage second = await consumer.ConsumeAsync(CancellationToken.None);

        // The group commits exactly after the producer saw it behind and before it parks: the last commit there will be.
        InProcessPartition partition = fixture.Broker.FindTopic("t")!.Partitions[0];
        partition.BeforeWaiting = () =>
        {
            partition.BeforeWaiting = null;
            consumer.StoreOffset(second);
        };

        // Act
        DeliveryResult third = await fixture.ProduceAsync("t", "k", "m2").AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        // Assert: no lost wake-up; the committed records made room.
        Assert.Equal(2, third.Offset);
        Assert.Equal(1, partition.Start);
    }

    [Fact]
    public async Task ProduceAsync_TinyPartitionAndConcurrentCommits_ProducerNeverMissesTheWakeUp()
    {
        // Arrange: 2 retained, a member committing on another thread while the producer fills the partition,
        // so the producer often decides to wait exactly while the commit that frees space happens.
        using var fixture = new InProcessFixture(partitions: 1, capacity: 2);
        using var consumer = fixture.Join("g", "t");
        const int Count = 20_000;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task<int> consuming = Task.Run(async () =>
        {
            int handled = 0;
            while (handled < Count)
            {
                ConsumedMessage message = await consumer.ConsumeAsync(timeout.Token);
                consumer.StoreOffset(message);
                handled++;
            }

            return handled;
        });

        // Act
        for (int i = 0; i < Count; i++)
        {
            await fixture.ProduceAsync("t", "k", "v", timeout.Token);
        }

        // Assert: every message produced and consumed before the (generous) bound.
        Assert.Equal(Count, await consuming.WaitAsync(timeout.Token));
    }

    [Fact]
    public async Task ProduceAsync_NullKeys_SpreadRoundRobin()
    {
        using var fixture = new InProcessFixture(partitions: 3);

        int[] partitions = new int[6];
        for (int i = 0; i < partitions.Length; i++)
        {
            partitions[i] = (await fixture.ProduceAsync("t", key: null, "v")).Partition;
        }

        Assert.Equal([0, 1, 2, 0, 1, 2], partitions);
    }

    [Fact]
    public async Task ProduceAsync_CallerChangesHeadersAfterwards_StoredMessageUnchanged()
    {
        var headers = new MessageHeaders { EventType = "Created" };
        await _fixture.Producer.ProduceAsync("t", new OutgoingMessage("k", new byte[] { 1 }, headers));
        headers.EventType = "Changed";

        using var consumer = _fixture.Join("g", "t");
        ConsumedMessage message = await consumer.ConsumeAsync(CancellationToken.None);

        Assert.Equal("Created", message.Headers[MessageHeaderNames.EventType]);
    }

    [Fact]
    public async Task ProduceAsync_CallerOverwritesItsValueBufferAfterwards_StoredMessageUnchanged()
    {
        // Arrange
        byte[] value = [1, 2, 3, 4];
        var headers = new MessageHeaders { EventType = "Created", CorrelationId = "c-1" };
        var message = new OutgoingMessage("k", value, headers);

        // Act: the caller reuses its buffer and header set for the next message.
        await _fixture.Producer.ProduceAsync("t", message);
        value.AsSpan().Fill(9);
        headers.CorrelationId = "c-2";
        headers.Remove(MessageHeaderNames.EventType);

        // Assert
        using var consumer = _fixture.Join("g", "t");
        ConsumedMessage stored = await consumer.ConsumeAsync(CancellationToken.None);
        Assert.Equal([1, 2, 3, 4], stored.Value.ToArray());
        Assert.Equal("Created", stored.Headers[MessageHeaderNames.EventType]);
        Assert.Equal("c-1", stored.Headers[MessageHeaderNames.CorrelationId]);
    }

    [Fact]
    public async Task ProduceAsync_KeyedMessages_PartitionIsTheJavaClientsMurmur2OfTheKey()
    {
        // Arrange
        using var fixture = new InProcessFixture(partitions: 12);
        string[] keys = ["txn_1", "txn_42", "aggregate-7", "κλειδί", string.Empty];

        foreach (string key in keys)
        {
            // Act
            DeliveryResult result = await fixture.ProduceAsync("t", key, "v");

            // Assert: the same partition the string overload (and the Kafka transport) computes.
            Assert.Equal(Murmur2Partitioner.GetPartition(key, 12), result.Partition);
        }
    }

    [Fact]
    public async Task ProduceAsync_ConcurrentProducersOnOnePartition_UniqueConsecutiveOffsetsAndIntactRecords()
    {
        // Arrange: four threads appending to the same partition contend for its append lock.
        using var fixture = new InProcessFixture(partitions: 1, capacity: 100_000);
        const int PerProducer = 5_000;

        // Act
        Task<List<long>>[] producers = [.. Enumerable.Range(0, 4).Select(p => Task.Run(async () =>
        {
            var offsets = new List<long>(PerProducer);
            for (int i = 0; i < PerProducer; i++)
            {
                offsets.Add((await fixture.ProduceAsync("t", $"p{p}", $"{p}:{i}")).Offset);
            }

            return offsets;
        }))];
        List<long>[] results = await Task.WhenAll(producers);

        // Assert: every offset once, and each producer's records readable, in its own order.
        Assert.Equal(Enumerable.Range(0, 4 * PerProducer).Select(i => (long)i), results.SelectMany(r => r).Order());
        using var consumer = fixture.Join("g", "t");
        int[] next = new int[4];
        for (int n = 0; n < 4 * PerProducer; n++)
        {
            ConsumedMessage message = await consumer.ConsumeAsync(CancellationToken.None);
            string[] parts = Encoding.UTF8.GetString(message.Value.Span).Split(':');
            int producer = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal($"p{producer}", message.Key);
            Assert.Equal(next[producer]++, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
            consumer.StoreOffset(message);
        }
    }

    [Fact]
    public async Task ProduceBatchAsync_Messages_ResultsInOrderWithConsecutiveOffsets()
    {
        OutgoingMessage[] batch = [new("k", new byte[] { 1 }), new("k", new byte[] { 2 }), new("k", new byte[] { 3 })];

        IReadOnlyList<DeliveryResult> results = await _fixture.Producer.ProduceBatchAsync("t", batch);

        Assert.Equal([0L, 1L, 2L], results.Select(r => r.Offset));
    }
}
