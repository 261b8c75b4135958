using System.Text;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tx.Messaging.Consuming;
using Tx.Messaging.InProcess;
using Tx.Messaging.Producing;
using Tx.Messaging.Telemetry;

namespace Tx.Messaging.Benchmarks;

/// <summary>
/// Produce <see cref="Messages"/> keyed messages to a 12-partition topic and wait until they have all been
/// handled. Both sides do the same work: the key is hashed to one of 12 partitions (murmur2), the
/// message is appended to that partition, and one consumer loop per partition (12 in all) takes it and
/// counts it; the operation ends when the count reaches <see cref="Messages"/>.
/// <list type="bullet">
/// <item><description>Anchor: 12 unbounded <see cref="Channel{T}"/>s, one reader task each
/// (<c>WaitToReadAsync</c> + <c>TryRead</c> drain); the producer awaits <c>WriteAsync</c> on the key's channel.</description></item>
/// <item><description>Ours: <see cref="InProcessProducer.ProduceAsync"/> (copies value and headers, stores the
/// record with offset and timestamp in the bounded partition log) and one consumer group of 12 members,
/// each running the real hosted-consumer loop (<c>ConsumerLoop</c>: retry strategy, time budget, offset
/// stored after every message, telemetry checks) on its one partition.</description></item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class InProcessThroughputBenchmark
{
    internal const int Messages = 12_000;
    private const int Partitions = 12;
    private const string Topic = "domain-events";

    private OutgoingMessage[] _messages = [];
    private InProcessProducer _producer = null!;
    private readonly List<InProcessConsumer> _consumers = [];
    private CancellationTokenSource _stop = null!;
    private MessagingMetrics _metrics = null!;
    private Channel<OutgoingMessage>[] _channels = [];
    private int _handled;
    private int _channelRead;
    private TaskCompletionSource _allHandled = new();
    private TaskCompletionSource _allRead = new();

    /// <summary>Gets or sets the records each partition retains: 10,000 is the default users get (ten operations' worth, so every message is still retained at the next collection); 256 is a small log for comparison.</summary>
    [Params(10_000, 256)]
    public int PartitionCapacity { get; set; } = 10_000;

    [GlobalSetup]
    public void Setup()
    {
        byte[] value = Encoding.UTF8.GetBytes("{\"transactionId\":\"txn_000000\",\"amount\":100.25,\"currency\":\"EUR\",\"status\":\"completed\"}");
        _messages = [.. Enumerable.Range(0, Messages).Select(i => new OutgoingMessage($"txn_{i % 1000}", value, new MessageHeaders { EventType = "TransactionCompleted", EventVersion = "1" }))];
        _stop = new CancellationTokenSource();

        var broker = new InProcessBroker(Options.Create(new InProcessOptions { DefaultPartitions = Partitions, PartitionCapacity = PartitionCapacity }));
        _metrics = new MessagingMetrics(new NoopMeterFactory());
        _producer = new InProcessProducer(broker, TimeProvider.System, _metrics);
        var options = new ConsumerOptions { GroupId = "benchmark" };
        options.Topics.Add(Topic);
        var invoker = new DelegateMessageHandlerInvoker((_, _) =>
        {
            if (Interlocked.Increment(ref _handled) == Messages)
            {
                _allHandled.TrySetResult();
            }

            return default;
        });

        // All members join before any loop starts, so the group settles on one partition per member.
        for (int i = 0; i < Partitions; i++)
        {
            _consumers.Add(new InProcessConsumer(broker, new Transport.ConsumerSubscription("benchmark", [Topic], AutoOffsetReset.Earliest)));
        }

        foreach (InProcessConsumer consumer in _consumers)
        {
            var loop = new ConsumerLoop(consumer, invoker, _producer, options, TimeProvider.System, _metrics, NullLogger.Instance);
            _ = Task.Run(() => loop.RunAsync(_stop.Token));
        }

        _channels = new Channel<OutgoingMessage>[Partitions];
        for (int i = 0; i < Partitions; i++)
        {
            Channel<OutgoingMessage> channel = Channel.CreateUnbounded<OutgoingMessage>(new UnboundedChannelOptions { SingleReader = true });
            _channels[i] = channel;
            _ = Task.Run(() => ReadChannelAsync(channel.Reader));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Cancel();
        foreach (Channel<OutgoingMessage> channel in _channels)
        {
            channel.Writer.TryComplete();
        }

        // Diagnostics (printed into the run's log): how many messages a member takes per wake-up.
        long taken = _consumers.Sum(c => c.Taken);
        long parks = _consumers.Sum(c => c.Parks);
        long keyHits = _consumers.Sum(c => c.KeyCacheHits);
        Console.WriteLine($"// InProcess diagnostics (capacity {PartitionCapacity}): {taken:N0} messages taken, {parks:N0} parks, {(double)taken / Math.Max(parks, 1):F2} messages per wake-up, {(double)parks / Math.Max(taken, 1):P1} of messages cost a park, key cache hits {(double)keyHits / Math.Max(taken, 1):P1}");
        foreach (InProcessConsumer consumer in _consumers)
        {
            consumer.Dispose();
        }

        _metrics.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public async Task RawChannels()
    {
        _channelRead = 0;
        _allRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Channel<OutgoingMessage>[] channels = _channels;
        foreach (OutgoingMessage message in _messages)
        {
            int partition = Murmur2Partitioner.GetPartition(message.Key!, Partitions);
            await channels[partition].Writer.WriteAsync(message);
        }

        await _allRead.Task;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task InProcessProduceConsume()
    {
        _handled = 0;
        _allHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (OutgoingMessage message in _messages)
        {
            await _producer.ProduceAsync(Topic, message);
        }

        await _allHandled.Task;
    }

    private async Task ReadChannelAsync(ChannelReader<OutgoingMessage> reader)
    {
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out _))
            {
                if (Interlocked.Increment(ref _channelRead) == Messages)
                {
                    _allRead.TrySetResult();
                }
            }
        }
    }
}
