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
/// The produce path up to librdkafka's queue, with no broker wait: both producers point at a closed
/// local port with a 10-minute message timeout and a queue large enough that nothing blocks (a fixed
/// invocation count bounds what accumulates in it). Ours serializes a payload with System.Text.Json, converts
/// four headers and enqueues through <c>ProduceAsync</c>; the anchor enqueues an already-built
/// message with <see cref="IProducer{TKey, TValue}.Produce(string, Message{TKey, TValue}, Action{DeliveryReport{TKey, TValue}})"/>.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(20_000)]
public class KafkaProduceBenchmark
{
    private const string Topic = "domain-events";

    private ServiceProvider _services = null!;
    private IMessageProducer _producer = null!;
    private IProducer<string?, byte[]> _raw = null!;
    private Message<string?, byte[]> _rawMessage = null!;
    private readonly Payment _payment = new("txn_123", 100.25m, "EUR", "completed");
    private readonly MessageHeaders _headers = new() { EventType = "TransactionCompleted", AggregateId = "txn_123", EventVersion = "5", CorrelationId = "7c1e0c9e-5b7a-4a40-9a54-6d0f3e2b8f11" };

    [GlobalSetup]
    public void Setup()
    {
        string bootstrap = $"127.0.0.1:{ClosedPort()}";
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTxMessaging().UseKafka(options =>
        {
            options.BootstrapServers = bootstrap;
            options.MessageTimeout = TimeSpan.FromMinutes(10);
            options.QueueBufferingMaxMessages = 10_000_000;
            options.FlushTimeout = TimeSpan.Zero;
            options.ClientSettings["queue.buffering.max.kbytes"] = "2097151";
        });
        _services = services.BuildServiceProvider();
        _producer = _services.GetRequiredService<IMessageProducer>();

        var rawConfig = new ProducerConfig
        {
            BootstrapServers = bootstrap,
            Acks = Acks.All,
            EnableIdempotence = true,
            MessageTimeoutMs = 600_000,
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

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void RawProduce() => _raw.Produce(Topic, _rawMessage);

    [Benchmark]
    public ValueTask<DeliveryResult> TxProduceTyped() => _producer.ProduceAsync(Topic, "txn_123", _payment, _headers);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Payment(string TransactionId, decimal Amount, string Currency, string Status);
}
