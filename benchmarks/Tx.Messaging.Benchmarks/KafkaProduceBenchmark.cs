using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Tx.Messaging.Producing;

namespace Tx.Messaging.Benchmarks;

/// <summary>
/// The produce path up to librdkafka's queue, with no broker wait. All producers point at a closed local
/// port; each iteration enqueues <c>InvocationCount</c> messages (measured), then the iteration cleanup
/// flushes: with a 10 ms message timeout (above the 5 ms linger) every queued message gets its (timed-out) delivery report, so
/// no iteration starts with the previous one's messages or delivery handlers still alive.
/// <list type="bullet">
/// <item><description><c>RawProduce</c>: <see cref="IProducer{TKey, TValue}.Produce(string, Message{TKey, TValue}, Action{DeliveryReport{TKey, TValue}})"/>
/// of an already-built message (value bytes and headers prepared once), no delivery handler: the floor, doing none of the work.</description></item>
/// <item><description><c>RawProduceWithDeliveryReport</c>: the same with a (static) delivery handler, the least a caller
/// that wants to know the partition and offset must do.</description></item>
/// <item><description><c>TxProduceTyped</c>: ours, <c>producer.ProduceAsync(topic, key, payment, headers)</c>: System.Text.Json
/// serialization of the payload, four string headers encoded to UTF-8, enqueue with a delivery handler
/// that completes the returned task (not awaited: the report only comes in the cleanup).</description></item>
/// <item><description><c>RawSerializeHeadersProduce</c> (baseline, the anchor the ≤ 1.3 × goal is judged against): the same job
/// as ours written by hand on Confluent.Kafka (serialize with System.Text.Json, encode the four headers into
/// <see cref="Headers"/>, <c>Produce</c> with a static delivery handler): what our abstraction costs over raw
/// <c>IProducer.Produce</c> doing the same work.</description></item>
/// <item><description><c>TxBuildOnly</c>: what ours does before the enqueue, alone (serialize, wrap, convert
/// the headers), to show how the difference splits.</description></item>
/// </list>
/// Every side cycles through the same 1,024 prepared header sets: the event type (one of four names) and version
/// repeat, the aggregate id (also the key) and correlation id differ per set, as in a real stream.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(20_000)]
public class KafkaProduceBenchmark
{
    private const string Topic = "domain-events";
    private const int HeaderSets = 1024;
    private static readonly Action<DeliveryReport<string?, byte[]>> s_onDelivered = static _ => { };

    private ServiceProvider _services = null!;
    private IMessageProducer _producer = null!;
    private IProducer<string?, byte[]> _raw = null!;
    private IProducer<string?, byte[]> _txInner = null!;
    private Message<string?, byte[]> _rawMessage = null!;
    private readonly Payment _payment = new("txn_123", 100.25m, "EUR", "completed");
    private readonly MessageHeaders _headers = new() { EventType = "TransactionCompleted", AggregateId = "txn_123", EventVersion = "5", CorrelationId = "7c1e0c9e-5b7a-4a40-9a54-6d0f3e2b8f11" };
    private static readonly string[] s_eventTypes = ["TransactionCompleted", "TransactionFailed", "TransactionCreated", "BalanceUpdated"];
    private readonly MessageHeaders[] _headerSets = [.. Enumerable.Range(0, HeaderSets).Select(i => new MessageHeaders
    {
        EventType = s_eventTypes[i % s_eventTypes.Length],
        AggregateId = $"txn_{i}",
        EventVersion = "1",
        CorrelationId = Guid.NewGuid().ToString(),
    })];

    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        string bootstrap = $"127.0.0.1:{ClosedPort()}";
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTxMessaging().UseKafka(options =>
        {
            options.BootstrapServers = bootstrap;
            options.MessageTimeout = TimeSpan.FromMilliseconds(10);
            options.QueueBufferingMaxMessages = 10_000_000;
            options.FlushTimeout = TimeSpan.Zero;
            options.ClientSettings["queue.buffering.max.kbytes"] = "2097151";
        });
        _services = services.BuildServiceProvider();
        _producer = _services.GetRequiredService<IMessageProducer>();
        _txInner = ((Kafka.KafkaProducer)_producer).Inner;

        var rawConfig = new ProducerConfig
        {
            BootstrapServers = bootstrap,
            Acks = Acks.All,
            EnableIdempotence = true,
            MessageTimeoutMs = 10,
            QueueBufferingMaxMessages = 10_000_000,
            QueueBufferingMaxKbytes = 2097151,
            Partitioner = Partitioner.Murmur2Random,
        };
        _raw = new ProducerBuilder<string?, byte[]>(rawConfig).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        var headers = new Headers();
        foreach (KeyValuePair<string, string> header in _headers)
        {
            headers.Add(header.Key, Encoding.UTF8.GetBytes(header.Value));
        }

        _rawMessage = new Message<string?, byte[]> { Key = "txn_123", Value = JsonSerializer.SerializeToUtf8Bytes(_payment, JsonSerializerOptions.Web), Headers = headers };
    }

    // Every message queued by the iteration times out (10 ms) and gets its report: nothing carries over.
    [IterationCleanup]
    public void Drain()
    {
        _raw.Flush(TimeSpan.FromSeconds(30));
        _txInner.Flush(TimeSpan.FromSeconds(30));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _services.Dispose();
    }

    [Benchmark]
    public void RawProduce() => _raw.Produce(Topic, _rawMessage);

    [Benchmark]
    public void RawProduceWithDeliveryReport() => _raw.Produce(Topic, _rawMessage, s_onDelivered);

    // The same job written by hand on Confluent.Kafka: serialize, encode the four headers, enqueue with a report.
    [Benchmark(Baseline = true)]
    public void RawSerializeHeadersProduce()
    {
        MessageHeaders source = NextHeaders();
        var headers = new Headers();
        foreach (KeyValuePair<string, string> header in source)
        {
            headers.Add(header.Key, Encoding.UTF8.GetBytes(header.Value));
        }

        var message = new Message<string?, byte[]> { Key = source.AggregateId, Value = JsonSerializer.SerializeToUtf8Bytes(_payment, JsonSerializerOptions.Web), Headers = headers };
        _raw.Produce(Topic, message, s_onDelivered);
    }

    // What ours adds before the enqueue, alone: serialize, wrap, convert headers (no librdkafka call).
    [Benchmark]
    public Message<string?, byte[]> TxBuildOnly()
    {
        MessageHeaders source = NextHeaders();
        return Kafka.KafkaProducer.ToKafka(new OutgoingMessage(source.AggregateId, JsonSerializer.SerializeToUtf8Bytes(_payment, JsonSerializerOptions.Web), source), activity: null);
    }

    // Not awaited: the report only comes when the cleanup flushes; only the enqueue path is measured.
    [Benchmark]
    public void TxProduceTyped()
    {
        MessageHeaders source = NextHeaders();
        _ = _producer.ProduceAsync(Topic, source.AggregateId, _payment, source);
    }

    private MessageHeaders NextHeaders() => _headerSets[_next++ & (HeaderSets - 1)];

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Payment(string TransactionId, decimal Amount, string Currency, string Status);
}
