using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Tx.Messaging.Producing;
using Tx.Messaging.Telemetry;

namespace Tx.Messaging.Kafka.Tests;

public sealed class KafkaDeliveryTests : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly MessagingMetrics _metrics;

    public KafkaDeliveryTests()
    {
        var services = new ServiceCollection();
        services.AddTxMessaging();
        _services = services.BuildServiceProvider();
        _metrics = _services.GetRequiredService<MessagingMetrics>();
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Handler_Delivered_CompletesWithPartitionAndOffset()
    {
        KafkaDelivery delivery = KafkaDelivery.Rent("t", _metrics, activity: null);
        ValueTask<DeliveryResult> task = delivery.Task;

        delivery.Handler(Report("t", partition: 2, offset: 41));

        DeliveryResult result = await task;
        Assert.Equal(("t", 2, 41L), (result.Topic, result.Partition, result.Offset));
    }

    [Fact]
    public async Task Handler_ReportWithError_FailsWithMessageProduceException()
    {
        KafkaDelivery delivery = KafkaDelivery.Rent("t", _metrics, activity: null);
        ValueTask<DeliveryResult> task = delivery.Task;

        delivery.Handler(Report("t", 0, 0, ErrorCode.Local_MsgTimedOut));

        MessageProduceException error = await Assert.ThrowsAsync<MessageProduceException>(() => task.AsTask());
        Assert.Equal("t", error.Topic);
    }

    [Fact]
    public async Task Rent_ManyDeliveriesEachAwaitedAfterItsReport_EveryResultIsItsOwn()
    {
        // Objects are reused once report and result are both done: a reused one must never leak a result.
        var seen = new HashSet<KafkaDelivery>();
        for (int i = 0; i < 2_000; i++)
        {
            KafkaDelivery delivery = KafkaDelivery.Rent("t", _metrics, activity: null);
            seen.Add(delivery);
            ValueTask<DeliveryResult> task = delivery.Task;
            Task<DeliveryResult> awaited = task.AsTask();
            delivery.Handler(Report("t", 0, i));

            Assert.Equal(i, (await awaited).Offset);
        }

        Assert.True(seen.Count < 2_000, "delivery objects were never reused");
    }

    [Fact]
    public async Task CancelWith_CancelledBeforeTheReport_StopsWaitingAndTheLateReportHarmsNoOtherDelivery()
    {
        // Arrange
        using var cts = new CancellationTokenSource();
        KafkaDelivery cancelled = KafkaDelivery.Rent("t", _metrics, activity: null);
        cancelled.CancelWith(cts.Token);
        ValueTask<DeliveryResult> task = cancelled.Task;

        // Act
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.AsTask());
        cancelled.Handler(Report("t", 0, 1));

        // Assert: later deliveries (possibly the same object again) complete with their own results.
        for (int i = 0; i < 50; i++)
        {
            KafkaDelivery next = KafkaDelivery.Rent("t", _metrics, activity: null);
            ValueTask<DeliveryResult> nextTask = next.Task;
            next.Handler(Report("t", 0, 100 + i));
            Assert.Equal(100 + i, (await nextTask).Offset);
        }
    }

    [Fact]
    public async Task CancelWith_ReportFirstThenCancellation_KeepsTheResult()
    {
        using var cts = new CancellationTokenSource();
        KafkaDelivery delivery = KafkaDelivery.Rent("t", _metrics, activity: null);
        delivery.CancelWith(cts.Token);
        ValueTask<DeliveryResult> task = delivery.Task;

        delivery.Handler(Report("t", 1, 7));
        await cts.CancelAsync();

        Assert.Equal(7, (await task).Offset);
    }

    private static DeliveryReport<string?, byte[]> Report(string topic, int partition, long offset, ErrorCode error = ErrorCode.NoError) => new()
    {
        TopicPartitionOffset = new TopicPartitionOffset(topic, partition, offset),
        Error = new Error(error),
        Message = new Message<string?, byte[]> { Key = "k", Value = [1], Timestamp = new Timestamp(DateTime.UtcNow, TimestampType.CreateTime) },
        Status = error == ErrorCode.NoError ? PersistenceStatus.Persisted : PersistenceStatus.NotPersisted,
    };
}
