using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Tx.Messaging.Consuming;
using Tx.Messaging.Producing;
using Tx.Messaging.Topics;

namespace Tx.Messaging.ComplianceTests;

/// <summary>
/// The contract every transport passes. Each transport's test project subclasses it and exposes each
/// scenario as a test (overriding it with its own fact attribute, so a transport can be gated on a server).
/// </summary>
public abstract class MessagingComplianceTests : IAsyncLifetime
{
    private readonly List<IHost> _hosts = [];
    private IHost? _client;

    /// <summary>Gets how long to wait for a condition before failing.</summary>
    protected virtual TimeSpan WaitTimeout => TimeSpan.FromSeconds(30);

    /// <summary>Gets a producer on the transport under test.</summary>
    protected IMessageProducer Producer => Client.Services.GetRequiredService<IMessageProducer>();

    /// <summary>Gets an administrator on the transport under test.</summary>
    protected ITopicAdministrator Administrator => Client.Services.GetRequiredService<ITopicAdministrator>();

    private IHost Client => _client ??= BuildHost(_ => { });

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (IHost host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    public virtual async Task KeyedMessages_SameKey_SamePartitionAndInOrder()
    {
        // Arrange
        string topic = await CreateTopicAsync("keyed", partitions: 4);
        string[] keys = ["txn_1", "txn_2", "acc_42", "user-7", "21"];
        var sink = new MessageSink();

        // Act
        var results = new List<(string Key, DeliveryResult Result)>();
        for (int i = 0; i < 10; i++)
        {
            foreach (string key in keys)
            {
                DeliveryResult result = await Producer.ProduceAsync(topic, new OutgoingMessage(key, Encoding.UTF8.GetBytes($"{key}:{i}")));
                results.Add((key, result));
            }
        }

        await StartConsumerAsync<RecordingHandler>(topic, NewName("g"), sink);
        await Eventually.HoldsAsync(() => sink.Deliveries.Count >= 50, WaitTimeout, "all 50 messages are consumed");

        // Assert
        foreach ((string key, DeliveryResult result) in results)
        {
            Assert.Equal(Murmur2Partitioner.GetPartition(key, 4), result.Partition);
        }

        foreach (string key in keys)
        {
            string[] values = [.. sink.Deliveries.Where(d => d.Key == key).Select(d => d.Value)];
            Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{key}:{i}"), values);
            Assert.Single(sink.Deliveries.Where(d => d.Key == key).Select(d => d.Partition).Distinct());
        }
    }

    public virtual async Task ConsumerGroups_TwoGroups_EachSeesEveryMessage()
    {
        // Arrange
        string topic = await CreateTopicAsync("groups", partitions: 3);
        string[] expected = [.. Enumerable.Range(0, 30).Select(i => $"m{i}")];
        var first = new MessageSink();
        var second = new MessageSink();

        // Act
        foreach (string value in expected)
        {
            await Producer.ProduceAsync(topic, new OutgoingMessage(value, Encoding.UTF8.GetBytes(value)));
        }

        await StartConsumerAsync<RecordingHandler>(topic, NewName("analytics"), first);
        await StartConsumerAsync<RecordingHandler>(topic, NewName("notifications"), second);
        await Eventually.HoldsAsync(() => first.Deliveries.Count >= 30 && second.Deliveries.Count >= 30, WaitTimeout, "both groups consumed 30 messages");

        // Assert
        Assert.Equal(expected.Order(), first.Deliveries.Select(d => d.Value).Order());
        Assert.Equal(expected.Order(), second.Deliveries.Select(d => d.Value).Order());
    }

    public virtual async Task ConsumerRestart_InFlightMessage_DeliveredAgain()
    {
        // Arrange: one partition, so the order of handling is the order of producing.
        string topic = await CreateTopicAsync("restart", partitions: 1);
        string group = NewName("g");
        for (int i = 0; i < 10; i++)
        {
            await Producer.ProduceAsync(topic, new OutgoingMessage("k", Encoding.UTF8.GetBytes($"m{i}")));
        }

        var crashing = new MessageSink
        {
            // m5 never completes: the consumer is stopped while it is in flight.
            Behavior = static async (message, ct) =>
            {
                if (Encoding.UTF8.GetString(message.Value.Span) == "m5")
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
            },
        };
        IHost first = await StartConsumerAsync<RecordingHandler>(topic, group, crashing, o => o.HandlerTimeout = TimeSpan.FromMinutes(10));
        await Eventually.HoldsAsync(() => crashing.Deliveries.Any(d => d.Value == "m5"), WaitTimeout, "m5 is in flight");

        // Act
        await first.StopAsync();
        var restarted = new MessageSink();
        await StartConsumerAsync<RecordingHandler>(topic, group, restarted);
        await Eventually.HoldsAsync(() => restarted.Deliveries.Count >= 5, WaitTimeout, "the restarted member consumed the rest");

        // Assert: the in-flight message comes again, the completed ones do not.
        Assert.Equal(["m0", "m1", "m2", "m3", "m4", "m5"], crashing.Deliveries.Select(d => d.Value));
        Assert.Equal(["m5", "m6", "m7", "m8", "m9"], restarted.Deliveries.Select(d => d.Value));
    }

    public virtual async Task FailingHandler_RetriedThenDeadLettered_WithErrorHeaders()
    {
        // Arrange
        string topic = await CreateTopicAsync("failing", partitions: 2);
        var sink = new MessageSink { Behavior = static (_, _) => throw new InvalidOperationException("boom") };
        var deadLetters = new MessageSink();
        var headers = new MessageHeaders { EventType = "TransactionCompleted", AggregateId = "txn_123", EventVersion = "5", CorrelationId = "corr-1" };
        DeliveryResult produced = await Producer.ProduceAsync(topic, new OutgoingMessage("txn_123", Encoding.UTF8.GetBytes("{\"amount\":100}"), headers));

        // Act
        await StartConsumerAsync<RecordingHandler>(topic, NewName("g"), sink, FastRetries(maxRetries: 2));
        await StartConsumerAsync<RecordingHandler>(TopicNames.DeadLetter(topic), NewName("dlq-reader"), deadLetters);
        await Eventually.HoldsAsync(() => deadLetters.Deliveries.Count >= 1, WaitTimeout, "the message reaches the dead-letter topic");

        // Assert
        Assert.Equal([1, 2, 3], sink.Deliveries.Select(d => d.Attempt));
        Delivery letter = Assert.Single(deadLetters.Deliveries);
        Assert.Equal("txn_123", letter.Key);
        Assert.Equal("{\"amount\":100}", letter.Value);
        Assert.Equal("boom", letter.Headers[MessageHeaderNames.Error]);
        Assert.Equal(topic, letter.Headers[MessageHeaderNames.OriginalTopic]);
        Assert.Equal(produced.Partition.ToString(System.Globalization.CultureInfo.InvariantCulture), letter.Headers[MessageHeaderNames.OriginalPartition]);
        Assert.Equal(produced.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture), letter.Headers[MessageHeaderNames.OriginalOffset]);
        Assert.Equal("3", letter.Headers[MessageHeaderNames.Attempts]);
        Assert.Equal("TransactionCompleted", letter.Headers[MessageHeaderNames.EventType]);
        Assert.Equal("txn_123", letter.Headers[MessageHeaderNames.AggregateId]);
        Assert.Equal("5", letter.Headers[MessageHeaderNames.EventVersion]);
        Assert.Equal("corr-1", letter.Headers[MessageHeaderNames.CorrelationId]);
    }

    public virtual async Task PoisonMessage_NotDeserializable_DeadLetteredWithoutRetryAndPartitionMovesOn()
    {
        // Arrange
        string topic = await CreateTopicAsync("poison", partitions: 1);
        var sink = new MessageSink();
        var deadLetters = new MessageSink();
        await Producer.ProduceAsync(topic, new OutgoingMessage("p1", Encoding.UTF8.GetBytes("not json {")));
        await Producer.ProduceAsync(topic, "p2", new Payment("p2", 12.5m));

        // Act
        await StartConsumerAsync<TypedRecordingHandler>(topic, NewName("g"), sink, FastRetries(maxRetries: 3));
        await StartConsumerAsync<RecordingHandler>(TopicNames.DeadLetter(topic), NewName("dlq-reader"), deadLetters);
        await Eventually.HoldsAsync(() => deadLetters.Deliveries.Count >= 1 && sink.Deliveries.Count >= 1, WaitTimeout, "the poison message is dead-lettered and the next one handled");

        // Assert
        Delivery handled = Assert.Single(sink.Deliveries);
        Assert.Equal("p2", handled.Key);
        Delivery letter = Assert.Single(deadLetters.Deliveries);
        Assert.Equal("p1", letter.Key);
        Assert.Equal("not json {", letter.Value);
        Assert.Equal("1", letter.Headers[MessageHeaderNames.Attempts]);
        Assert.Equal(typeof(PoisonMessageException).FullName, letter.Headers[MessageHeaderNames.ErrorType]);
        Assert.Contains("deserialized", letter.Headers[MessageHeaderNames.Error], StringComparison.Ordinal);
    }

    public virtual async Task ResetOffset_StoppedGroup_ReplaysFromThatOffset()
    {
        // Arrange
        string topic = await CreateTopicAsync("replay", partitions: 1);
        string group = NewName("g");
        for (int i = 0; i < 10; i++)
        {
            await Producer.ProduceAsync(topic, new OutgoingMessage("k", Encoding.UTF8.GetBytes($"m{i}")));
        }

        var firstRun = new MessageSink();
        IHost first = await StartConsumerAsync<RecordingHandler>(topic, group, firstRun);
        await Eventually.HoldsAsync(() => firstRun.Deliveries.Count >= 10, WaitTimeout, "the first run consumed everything");
        await first.StopAsync();

        // Act
        await Administrator.ResetOffsetAsync(group, topic, 0, 6);
        var replay = new MessageSink();
        await StartConsumerAsync<RecordingHandler>(topic, group, replay);
        await Eventually.HoldsAsync(() => replay.Deliveries.Count >= 4, WaitTimeout, "the replay consumed m6..m9");

        // Assert
        Assert.Equal(["m6", "m7", "m8", "m9"], replay.Deliveries.Select(d => d.Value));
        Assert.Equal([6L, 7L, 8L, 9L], replay.Deliveries.Select(d => d.Offset));
    }

    public virtual async Task CreateTopics_WithConfigsThenAgain_ExistingTopicIsNotAnError()
    {
        // Arrange
        string topic = NewName("created");
        var spec = new TopicSpecification(topic)
        {
            Partitions = 4,
            ReplicationFactor = 1,
            Retention = TimeSpan.FromDays(7),
            CleanupPolicy = TopicSpecification.CleanupPolicyDelete,
        };

        // Act
        await Administrator.CreateTopicsAsync([spec]);
        await Administrator.CreateTopicsAsync([new TopicSpecification(topic) { Partitions = 2 }]);
        int? partitions = await GetPartitionCountEventuallyAsync(topic);
        int? missing = await Administrator.GetPartitionCountAsync(NewName("missing"));

        // Assert
        Assert.Equal(4, partitions);
        Assert.Null(missing);
    }

    public virtual async Task SlowHandler_ExceedsTimeBudget_CancelledRetriedDeadLetteredAndPartitionMovesOn()
    {
        // Arrange
        var time = new FakeTimeProvider();
        string topic = await CreateTopicAsync("slow", partitions: 1);
        var cancelled = 0;
        var sink = new MessageSink
        {
            Behavior = async (message, ct) =>
            {
                if (message.Key == "slow")
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, ct);
                    }
                    catch (OperationCanceledException)
                    {
                        Interlocked.Increment(ref cancelled);
                        throw;
                    }
                }
            },
        };
        var deadLetters = new MessageSink();
        await Producer.ProduceAsync(topic, new OutgoingMessage("slow", Encoding.UTF8.GetBytes("s")));
        await Producer.ProduceAsync(topic, new OutgoingMessage("fast", Encoding.UTF8.GetBytes("f")));

        // Act
        await StartConsumerAsync<RecordingHandler>(topic, NewName("g"), sink, o =>
        {
            FastRetries(maxRetries: 1)(o);
            o.HandlerTimeout = TimeSpan.FromSeconds(5);
        }, time);
        await StartConsumerAsync<RecordingHandler>(TopicNames.DeadLetter(topic), NewName("dlq-reader"), deadLetters);
        await Eventually.HoldsAsync(
            () => deadLetters.Deliveries.Count >= 1 && sink.Deliveries.Any(d => d.Key == "fast"),
            WaitTimeout,
            "the slow message is dead-lettered and the next one handled",
            () => time.Advance(TimeSpan.FromSeconds(1)));

        // Assert
        Assert.Equal([1, 2], sink.Deliveries.Where(d => d.Key == "slow").Select(d => d.Attempt));
        Assert.Equal(2, Volatile.Read(ref cancelled));
        Delivery letter = Assert.Single(deadLetters.Deliveries);
        Assert.Equal(typeof(HandlerTimeoutException).FullName, letter.Headers[MessageHeaderNames.ErrorType]);
    }

    /// <summary>Registers the transport under test.</summary>
    protected abstract void ConfigureTransport(ITxMessagingBuilder builder);

    protected static string NewName(string prefix) => $"tx-{prefix}-{Guid.NewGuid():N}";

    protected static Action<ConsumerOptions> FastRetries(int maxRetries) => o =>
    {
        o.MaxRetries = maxRetries;
        o.RetryBaseDelay = TimeSpan.Zero;
        o.RetryJitter = TimeSpan.Zero;
    };

    protected async Task<string> CreateTopicAsync(string prefix, int partitions)
    {
        string topic = NewName(prefix);
        await Administrator.CreateTopicsAsync([new TopicSpecification(topic) { Partitions = partitions }]);
        await GetPartitionCountEventuallyAsync(topic);
        return topic;
    }

    protected async Task<IHost> StartConsumerAsync<THandler>(string topic, string group, MessageSink sink, Action<ConsumerOptions>? configure = null, TimeProvider? timeProvider = null)
        where THandler : class
    {
        IHost host = BuildHost(services =>
        {
            services.AddSingleton(sink);
            if (timeProvider is not null)
            {
                services.AddSingleton(timeProvider);
            }

            services.AddTxConsumer<THandler>([topic], group, configure);
        });
        await host.StartAsync();
        return host;
    }

    private async Task<int?> GetPartitionCountEventuallyAsync(string topic)
    {
        int? count = null;
        await Eventually.HoldsAsync(
            () => (count = Administrator.GetPartitionCountAsync(topic).GetAwaiter().GetResult()) is not null,
            WaitTimeout,
            $"topic {topic} is visible");
        return count;
    }

    private IHost BuildHost(Action<IServiceCollection> configure)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        ConfigureTransport(builder.Services.AddTxMessaging());
        configure(builder.Services);
        IHost host = builder.Build();
        _hosts.Add(host);
        return host;
    }
}
