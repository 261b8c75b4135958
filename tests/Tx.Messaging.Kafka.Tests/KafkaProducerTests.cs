using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Tx.Messaging.Producing;
using Tx.TestUtilities;

namespace Tx.Messaging.Kafka.Tests;

/// <summary>Producer behaviour that needs no broker: the bootstrap address points at a closed local port.</summary>
public sealed class KafkaProducerTests : IDisposable
{
    private readonly FakeLogCollector _logs = new();
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public async Task ProduceAsync_UnreachableBroker_FailsWithinMessageTimeout()
    {
        // Arrange
        using KafkaProducer producer = CreateProducer(messageTimeout: TimeSpan.FromSeconds(1), flushTimeout: TimeSpan.Zero);

        // Act
        ValueTask<DeliveryResult> produce = producer.ProduceAsync("domain-events", new OutgoingMessage("txn_1", Encoding.UTF8.GetBytes("{}")));
        Task<DeliveryResult> bounded = produce.AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        MessageProduceException error = await Assert.ThrowsAsync<MessageProduceException>(() => bounded);

        // Assert: it failed because message.timeout.ms (1 s) elapsed, not the 300 s default.
        ProduceException<string?, byte[]> inner = Assert.IsType<ProduceException<string?, byte[]>>(error.InnerException);
        Assert.Equal(ErrorCode.Local_MsgTimedOut, inner.Error.Code);
        Assert.Equal("domain-events", error.Topic);
    }

    [Fact]
    public async Task ProduceAsync_CancelledWhileWaitingForTheReport_StopsWaiting()
    {
        // Arrange
        using KafkaProducer producer = CreateProducer(messageTimeout: TimeSpan.FromMinutes(5), flushTimeout: TimeSpan.Zero);
        using var cancellation = new CancellationTokenSource();
        ValueTask<DeliveryResult> produce = producer.ProduceAsync("domain-events", new OutgoingMessage("txn_1", new byte[] { 1 }), cancellation.Token);
        bool pendingBeforeCancel = !produce.IsCompleted;

        // Act
        cancellation.Cancel();

        // Assert: the caller stops waiting at once, long before the 5-minute message timeout.
        Assert.True(pendingBeforeCancel);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => produce.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Dispose_QueuedMessages_FlushesUntilEachHasADeliveryReport()
    {
        // Arrange
        KafkaProducer producer = CreateProducer(messageTimeout: TimeSpan.FromSeconds(1), flushTimeout: TimeSpan.FromSeconds(20));
        ValueTask<DeliveryResult>[] pending = [.. Enumerable.Range(0, 3).Select(i => producer.ProduceAsync("failed-writes", new OutgoingMessage($"w{i}", new byte[] { 1 })))];

        // Act
        producer.Dispose();

        // Assert: Dispose returned only after every queued message got its (timed-out) report; none was dropped.
        Assert.All(pending, task => Assert.True(task.IsCompleted));
        foreach (ValueTask<DeliveryResult> task in pending)
        {
            MessageProduceException error = await Assert.ThrowsAsync<MessageProduceException>(() => task.AsTask());
            Assert.Equal(ErrorCode.Local_MsgTimedOut, Assert.IsType<ProduceException<string?, byte[]>>(error.InnerException).Error.Code);
        }

        Assert.DoesNotContain(_logs.GetSnapshot(), r => r.Id.Id == 103);
    }

    [Fact]
    public void Dispose_FlushTimeoutShorterThanDelivery_LogsUndeliveredCount()
    {
        // Arrange
        KafkaProducer producer = CreateProducer(messageTimeout: TimeSpan.FromMinutes(5), flushTimeout: TimeSpan.FromMilliseconds(200));
        _ = producer.ProduceAsync("failed-writes", new OutgoingMessage("w", new byte[] { 1 })).AsTask();
        _ = producer.ProduceAsync("failed-writes", new OutgoingMessage("w", new byte[] { 2 })).AsTask();

        // Act
        producer.Dispose();

        // Assert
        FakeLogRecord record = Assert.Single(_logs.GetSnapshot(), r => r.Id.Id == 103);
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Contains("2 message(s)", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Producer_UnreachableBroker_ClientErrorsGoToILogger()
    {
        // Arrange
        using KafkaProducer producer = CreateProducer(messageTimeout: TimeSpan.FromSeconds(30), flushTimeout: TimeSpan.Zero);

        // Act: connecting to a closed port makes librdkafka report transport errors.
        _ = producer.ProduceAsync("audit-events", new OutgoingMessage("u", new byte[] { 1 })).AsTask();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!_logs.GetSnapshot().Any(r => r.Id.Id is 101 or 100) && !timeout.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }

        // Assert
        Assert.Contains(_logs.GetSnapshot(), r => r.Id.Id is 101 or 100);
    }

    [Fact]
    public void ToKafka_OutgoingMessage_CarriesKeyValueAndHeaders()
    {
        var message = new OutgoingMessage("txn_1", new byte[] { 7 }, new MessageHeaders { EventType = "E", EventVersion = "2" });

        Message<string?, byte[]> kafka = KafkaProducer.ToKafka(message, activity: null);

        Assert.Equal("txn_1", kafka.Key);
        Assert.Equal(new byte[] { 7 }, kafka.Value);
        Assert.Equal("E", Encoding.UTF8.GetString(kafka.Headers.GetLastBytes("eventType")));
        Assert.Equal("2", Encoding.UTF8.GetString(kafka.Headers.GetLastBytes("eventVersion")));
    }

    private KafkaProducer CreateProducer(TimeSpan messageTimeout, TimeSpan flushTimeout)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(_logs)).SetMinimumLevel(LogLevel.Debug));
        services.AddTxMessaging().UseKafka(options =>
        {
            options.BootstrapServers = $"127.0.0.1:{FreePort.Next()}";
            options.MessageTimeout = messageTimeout;
            options.FlushTimeout = flushTimeout;
            options.Linger = TimeSpan.Zero;
            options.ClientSettings["reconnect.backoff.ms"] = "10";
            options.ClientSettings["reconnect.backoff.max.ms"] = "100";
        });
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<KafkaProducer>();
    }
}
