using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tx.Messaging.Consuming;
using Tx.Messaging.Producing;

namespace Tx.Messaging.Tests;

/// <summary>The quick start of src/Tx.Messaging/README.md, compiled and run.</summary>
public class ReadmeSnippetTests
{
    [Fact]
    public async Task QuickStart_ProduceTypedEvent_HostedConsumerHandlesIt()
    {
        // --- README quick start ---
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddTxMessaging();   // in-process transport; .UseKafka("localhost:9092") for Kafka
        builder.Services.AddTxConsumer<TransactionCompletedHandler>([TopicNames.DomainEvents], "analytics-group",
            options => options.MaxRetries = 3);
        builder.Services.AddSingleton<Ledger>();
        using IHost host = builder.Build();
        await host.StartAsync();

        IMessageProducer producer = host.Services.GetRequiredService<IMessageProducer>();
        DeliveryResult delivered = await producer.ProduceAsync(
            TopicNames.DomainEvents,
            key: "txn_123",
            new TransactionCompleted("txn_123", 100m),
            new MessageHeaders { EventType = "TransactionCompleted", AggregateId = "txn_123", EventVersion = "5" });
        // --- end ---

        Ledger ledger = host.Services.GetRequiredService<Ledger>();
        TransactionCompleted handled = await ledger.First.WaitAsync(TimeSpan.FromSeconds(10));
        await host.StopAsync();

        Assert.Equal(new TransactionCompleted("txn_123", 100m), handled);
        Assert.Equal(Murmur2Partitioner.GetPartition("txn_123", 3), delivered.Partition);
    }

    public sealed record TransactionCompleted(string TransactionId, decimal Amount);

    public sealed class Ledger
    {
        private readonly TaskCompletionSource<TransactionCompleted> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<TransactionCompleted> First => _first.Task;

        public void Record(TransactionCompleted value) => _first.TrySetResult(value);
    }

    public sealed class TransactionCompletedHandler(Ledger ledger) : IMessageHandler<TransactionCompleted>
    {
        public ValueTask HandleAsync(TransactionCompleted value, ConsumedMessage message, CancellationToken cancellationToken)
        {
            ledger.Record(value);   // handlers must be idempotent: delivery is at least once
            return ValueTask.CompletedTask;
        }
    }
}
