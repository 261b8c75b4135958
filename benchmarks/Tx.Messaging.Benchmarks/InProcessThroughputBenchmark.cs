using System.Text;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tx.Messaging.Consuming;
using Tx.Messaging.InProcess;
using Tx.Messaging.Producing;
using Tx.Messaging.Telemetry;
using Tx.Messaging.Transport;

namespace Tx.Messaging.Benchmarks;

/// <summary>
/// Produce N keyed messages and wait until one consumer group (one member, 12 partitions) has handled
/// all of them, through the real hosted-consumer loop (retry/DLQ/budget logic, offsets stored per
/// message). Anchor: the same messages through one raw unbounded <see cref="Channel{T}"/> with one reader.
/// </summary>
[MemoryDiagnoser]
public class InProcessThroughputBenchmark
{
    private const int Messages = 10_000;
    private const string Topic = "domain-events";

    private OutgoingMessage[] _messages = [];
    private InProcessProducer _producer = null!;
    private InProcessConsumer _consumer = null!;
    private CancellationTokenSource _stop = null!;
    private MessagingMetrics _metrics = null!;
    private Channel<OutgoingMessage> _channel = null!;
    private int _handled;
    private int _channelRead;
    private TaskCompletionSource _allHandled = new();
    private TaskCompletionSource _allRead = new();

    [GlobalSetup]
    public void Setup()
    {
        byte[] value = Encoding.UTF8.GetBytes("{\"transactionId\":\"txn_000000\",\"amount\":100.25,\"currency\":\"EUR\",\"status\":\"completed\"}");
        _messages = [.. Enumerable.Range(0, Messages).Select(i => new OutgoingMessage($"txn_{i % 1000}", value, new MessageHeaders { EventType = "TransactionCompleted", EventVersion = "1" }))];

        var broker = new InProcessBroker(Options.Create(new InProcessOptions { DefaultPartitions = 12, PartitionCapacity = 4096 }));
        _metrics = new MessagingMetrics(new NoopMeterFactory());
        _producer = new InProcessProducer(broker, TimeProvider.System, _metrics);
        _consumer = new InProcessConsumer(broker, new ConsumerSubscription("benchmark", [Topic], AutoOffsetReset.Earliest));
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
        var loop = new ConsumerLoop(_consumer, invoker, _producer, options, TimeProvider.System, _metrics, NullLogger.Instance);
        _stop = new CancellationTokenSource();
        _ = Task.Run(() => loop.RunAsync(_stop.Token));

        _channel = Channel.CreateUnbounded<OutgoingMessage>(new UnboundedChannelOptions { SingleReader = true });
        _ = Task.Run(ReadChannelAsync);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Cancel();
        _channel.Writer.TryComplete();
        _metrics.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public async Task RawChannel()
    {
        _channelRead = 0;
        _allRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ChannelWriter<OutgoingMessage> writer = _channel.Writer;
        foreach (OutgoingMessage message in _messages)
        {
            await writer.WriteAsync(message);
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

    private async Task ReadChannelAsync()
    {
        ChannelReader<OutgoingMessage> reader = _channel.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out _))
            {
                if (++_channelRead == Messages)
                {
                    _allRead.TrySetResult();
                }
            }
        }
    }
}
