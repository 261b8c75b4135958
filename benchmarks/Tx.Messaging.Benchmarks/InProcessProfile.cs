using System.Diagnostics;
using Tx.Messaging.InProcess;
using Tx.Messaging.Producing;
using Tx.Messaging.Telemetry;

namespace Tx.Messaging.Benchmarks;

/// <summary>Runs one side of <see cref="InProcessThroughputBenchmark"/> in a loop for a profiler (see Program.cs).</summary>
internal static class InProcessProfile
{
    public static async Task RunAsync(string side, TimeSpan duration, int capacity)
    {
        if (side == "consume")
        {
            await ConsumeOnlyAsync(duration);
            return;
        }

        if (side == "produce")
        {
            await ProduceOnlyAsync(duration, capacity);
            return;
        }

        var benchmark = new InProcessThroughputBenchmark { PartitionCapacity = capacity };
        benchmark.Setup();
        Func<Task> operation = side == "channels" ? benchmark.RawChannels : benchmark.InProcessProduceConsume;
        for (int i = 0; i < 20; i++)
        {
            await operation();
        }

        TimeSpan paused = GC.GetTotalPauseDuration();
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        int gen0 = GC.CollectionCount(0);
        long operations = 0;
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            await operation();
            operations++;
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        long messages = operations * InProcessThroughputBenchmark.Messages;
        Console.WriteLine($"{side} capacity {capacity}: {elapsed.TotalNanoseconds / messages:F1} ns/message, CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalNanoseconds / messages:F1} ns/message, {(double)(GC.GetTotalAllocatedBytes(precise: true) - allocated) / messages:F1} B/message, {GC.CollectionCount(0) - gen0} gen0 over {messages:N0} messages, GC pauses {(GC.GetTotalPauseDuration() - paused).TotalNanoseconds / messages:F1} ns/message");
        benchmark.Cleanup();
    }

    /// <summary>The producer alone, no group running (retention trims the oldest record): what one message costs the producer.</summary>
    private static async Task ProduceOnlyAsync(TimeSpan duration, int capacity)
    {
        byte[] value = System.Text.Encoding.UTF8.GetBytes("{\"transactionId\":\"txn_000000\",\"amount\":100.25,\"currency\":\"EUR\",\"status\":\"completed\"}");
        OutgoingMessage[] messages = [.. Enumerable.Range(0, InProcessThroughputBenchmark.Messages).Select(i => new OutgoingMessage($"txn_{i % 1000}", value, new MessageHeaders { EventType = "TransactionCompleted", EventVersion = "1" }))];
        var broker = new InProcessBroker(Microsoft.Extensions.Options.Options.Create(new InProcessOptions { DefaultPartitions = 12, PartitionCapacity = capacity }));
        using var metrics = new MessagingMetrics(new NoopMeterFactory());
        var producer = new InProcessProducer(broker, TimeProvider.System, metrics);
        long count = 0;
        long started = 0;
        TimeSpan cpu = default;
        for (int pass = 0; pass < 2; pass++)
        {
            count = 0;
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            started = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(started) < (pass == 0 ? TimeSpan.FromSeconds(1) : duration))
            {
                foreach (OutgoingMessage message in messages)
                {
                    await producer.ProduceAsync("domain-events", message);
                }

                count += messages.Length;
            }
        }

        Console.WriteLine($"produce alone capacity {capacity}: {Stopwatch.GetElapsedTime(started).TotalNanoseconds / count:F1} ns/message, CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalNanoseconds / count:F1} ns/message, {count} messages");
    }

    /// <summary>One group member's loop alone (ConsumerLoop.ProcessAsync per message), over records produced before the clock runs: what one message costs a consumer.</summary>
    private static async Task ConsumeOnlyAsync(TimeSpan duration)
    {
        const int Batch = 5_000;
        byte[] value = System.Text.Encoding.UTF8.GetBytes("{\"transactionId\":\"txn_000000\",\"amount\":100.25,\"currency\":\"EUR\",\"status\":\"completed\"}");
        OutgoingMessage[] messages = [.. Enumerable.Range(0, Batch).Select(i => new OutgoingMessage($"txn_{i % 1000}", value, new MessageHeaders { EventType = "TransactionCompleted", EventVersion = "1" }))];
        var broker = new InProcessBroker(Microsoft.Extensions.Options.Options.Create(new InProcessOptions { DefaultPartitions = 1, PartitionCapacity = 10_000 }));
        using var metrics = new MessagingMetrics(new NoopMeterFactory());
        var producer = new InProcessProducer(broker, TimeProvider.System, metrics);
        using var consumer = new InProcessConsumer(broker, new Transport.ConsumerSubscription("g", ["domain-events"], Consuming.AutoOffsetReset.Earliest));
        var options = new Consuming.ConsumerOptions { GroupId = "g" };
        options.Topics.Add("domain-events");
        int handled = 0;
        var invoker = new Consuming.DelegateMessageHandlerInvoker((_, _) =>
        {
            Interlocked.Increment(ref handled);
            return default;
        });
        var loop = new Consuming.ConsumerLoop(consumer, invoker, producer, options, TimeProvider.System, metrics, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        long count = 0;
        TimeSpan elapsed = default;
        long allocated = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            count = 0;
            elapsed = default;
            allocated = 0;
            while (elapsed < (pass == 0 ? TimeSpan.FromSeconds(1) : duration))
            {
                foreach (OutgoingMessage message in messages)
                {
                    await producer.ProduceAsync("domain-events", message);
                }

                long bytes = GC.GetAllocatedBytesForCurrentThread();
                long started = Stopwatch.GetTimestamp();
                for (int i = 0; i < Batch; i++)
                {
                    Consuming.ConsumedMessage next = await consumer.ConsumeAsync(CancellationToken.None);
                    await loop.ProcessAsync(next, CancellationToken.None);
                }

                elapsed += Stopwatch.GetElapsedTime(started);
                allocated += GC.GetAllocatedBytesForCurrentThread() - bytes;
                count += Batch;
            }
        }

        Console.WriteLine($"consume alone: {elapsed.TotalNanoseconds / count:F1} ns/message, {(double)allocated / count:F1} B/message, {count} messages");
    }
}
