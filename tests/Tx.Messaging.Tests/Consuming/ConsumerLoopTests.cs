using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tx.Messaging.Consuming;
using Tx.Messaging.Telemetry;
using Tx.Messaging.Tests.Fakes;

namespace Tx.Messaging.Tests.Consuming;

public sealed class ConsumerLoopTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeConsumer _consumer = new();
    private readonly FakeProducer _producer = new();
    private readonly TestMeterFactory _meterFactory = new();
    private readonly MessagingMetrics _metrics;
    private readonly ConsumerOptions _options = new() { GroupId = "analytics", MaxRetries = 2, RetryBaseDelay = TimeSpan.FromSeconds(1), RetryJitter = TimeSpan.Zero };

    public ConsumerLoopTests()
    {
        _metrics = new MessagingMetrics(_meterFactory);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _meterFactory.Dispose();
    }

    [Fact]
    public async Task ProcessAsync_HandlerSucceeds_StoresOffsetAndCountsConsumed()
    {
        // Arrange
        using var consumed = new MetricCollector<long>(_meterFactory, MessagingMetrics.MeterName, "tx.messaging.messages.consumed");
        ConsumerLoop loop = CreateLoop((_, _) => default);

        // Act
        bool done = await loop.ProcessAsync(FakeConsumer.Message(offset: 41), CancellationToken.None);

        // Assert
        Assert.True(done);
        Assert.Equal([41L], _consumer.StoredOffsets);
        Assert.Equal(1, consumed.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal("analytics", consumed.LastMeasurement!.Tags["messaging.consumer.group.name"]);
    }

    [Fact]
    public async Task ProcessAsync_HandlerFailsOnce_RetriesOnlyAfterBackoffElapsed()
    {
        // Arrange
        int calls = 0;
        ConsumerLoop loop = CreateLoop((_, _) => Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("first") : default);

        // Act
        Task<bool> processing = loop.ProcessAsync(FakeConsumer.Message(), CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(999));
        int callsBeforeBackoff = Volatile.Read(ref calls);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        bool done = await processing.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert: base 1 s × 2^0, no jitter.
        Assert.Equal(1, callsBeforeBackoff);
        Assert.True(done);
        Assert.Equal(2, calls);
        Assert.Single(_consumer.StoredOffsets);
        Assert.Empty(_producer.Produced);
    }

    [Fact]
    public async Task ProcessAsync_HandlerAlwaysFails_DeadLettersAfterMaxRetriesThenStoresOffset()
    {
        // Arrange
        using var retried = new MetricCollector<long>(_meterFactory, MessagingMetrics.MeterName, "tx.messaging.messages.retried");
        using var deadLettered = new MetricCollector<long>(_meterFactory, MessagingMetrics.MeterName, "tx.messaging.messages.dead_lettered");
        _options.RetryBaseDelay = TimeSpan.Zero;
        int calls = 0;
        ConsumerLoop loop = CreateLoop((_, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("boom");
        });
        _consumer.OnStore = _ => Assert.Single(_producer.Produced);

        // Act
        bool done = await loop.ProcessAsync(FakeConsumer.Message(offset: 7), CancellationToken.None);

        // Assert
        Assert.True(done);
        Assert.Equal(3, calls);
        (string topic, Tx.Messaging.Producing.OutgoingMessage letter) = Assert.Single(_producer.Produced);
        Assert.Equal("domain-events-dlq", topic);
        Assert.Equal("boom", letter.Headers[MessageHeaderNames.Error]);
        Assert.Equal("7", letter.Headers[MessageHeaderNames.OriginalOffset]);
        Assert.Equal([7L], _consumer.StoredOffsets);
        Assert.Equal(2, retried.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, deadLettered.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task ProcessAsync_PoisonMessage_DeadLettersWithoutRetry()
    {
        int calls = 0;
        ConsumerLoop loop = CreateLoop((_, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new PoisonMessageException("cannot read");
        });

        bool done = await loop.ProcessAsync(FakeConsumer.Message(), CancellationToken.None);

        Assert.True(done);
        Assert.Equal(1, calls);
        Assert.Equal("1", Assert.Single(_producer.Produced).Message.Headers[MessageHeaderNames.Attempts]);
    }

    [Fact]
    public async Task ProcessAsync_DeadLetterProduceFails_OffsetStoredOnlyAfterDeadLetterSucceeds()
    {
        // Arrange
        _options.MaxRetries = 0;
        _options.RetryBaseDelay = TimeSpan.Zero;
        _producer.FailuresLeft = 2;
        int callsWhenStored = -1;
        _consumer.OnStore = _ => callsWhenStored = _producer.Calls;
        ConsumerLoop loop = CreateLoop((_, _) => throw new InvalidOperationException("boom"));

        // Act
        bool done = await loop.ProcessAsync(FakeConsumer.Message(), CancellationToken.None);

        // Assert
        Assert.True(done);
        Assert.Equal(3, _producer.Calls);
        Assert.Equal(3, callsWhenStored);
        Assert.Single(_consumer.StoredOffsets);
    }

    [Fact]
    public async Task ProcessAsync_StoppedDuringBackoff_ReturnsFalseWithoutStoringOffset()
    {
        // Arrange
        using var stopping = new CancellationTokenSource();
        ConsumerLoop loop = CreateLoop((_, _) => throw new InvalidOperationException("boom"));

        // Act
        Task<bool> processing = loop.ProcessAsync(FakeConsumer.Message(), stopping.Token).AsTask();
        await stopping.CancelAsync();
        bool done = await processing.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.False(done);
        Assert.Empty(_consumer.StoredOffsets);
        Assert.Empty(_producer.Produced);
    }

    [Fact]
    public async Task ProcessAsync_HandlerExceedsBudget_TokenCancelledAndCountedAsFailure()
    {
        // Arrange
        _options.MaxRetries = 0;
        _options.HandlerTimeout = TimeSpan.FromSeconds(5);
        CancellationToken seen = default;
        ConsumerLoop loop = CreateLoop(async (_, ct) =>
        {
            seen = ct;
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        });

        // Act: the handler ignores its token; the loop must still move on.
        Task<bool> processing = loop.ProcessAsync(FakeConsumer.Message(), CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromSeconds(4));
        bool finishedEarly = processing.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(1));
        bool done = await processing.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.False(finishedEarly);
        Assert.True(done);
        Assert.True(seen.IsCancellationRequested);
        Assert.Equal(typeof(HandlerTimeoutException).FullName, Assert.Single(_producer.Produced).Message.Headers[MessageHeaderNames.ErrorType]);
    }

    [Fact]
    public async Task ProcessAsync_AfterTimeout_NextHandlerGetsAFreshToken()
    {
        _options.MaxRetries = 1;
        _options.RetryBaseDelay = TimeSpan.Zero;
        _options.HandlerTimeout = TimeSpan.FromSeconds(1);
        var tokens = new List<CancellationToken>();
        ConsumerLoop loop = CreateLoop(async (_, ct) =>
        {
            tokens.Add(ct);
            if (tokens.Count == 1)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
        });

        Task<bool> processing = loop.ProcessAsync(FakeConsumer.Message(), CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromSeconds(1));
        bool done = await processing.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(done);
        Assert.Equal(2, tokens.Count);
        Assert.True(tokens[0].IsCancellationRequested);
        Assert.False(tokens[1].IsCancellationRequested);
        Assert.Empty(_producer.Produced);
    }

    [Fact]
    public async Task RunAsync_MessagesQueued_HandlesThemInOrderUntilStopped()
    {
        // Arrange
        var handled = new List<long>();
        using var stopping = new CancellationTokenSource();
        ConsumerLoop loop = CreateLoop((m, _) =>
        {
            handled.Add(m.Offset);
            if (handled.Count == 3)
            {
                stopping.Cancel();
            }

            return default;
        });
        for (int i = 0; i < 3; i++)
        {
            _consumer.Enqueue(FakeConsumer.Message(offset: i));
        }

        // Act
        await loop.RunAsync(stopping.Token).WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.Equal([0L, 1L, 2L], handled);
        Assert.Equal([0L, 1L, 2L], _consumer.StoredOffsets);
    }

    [Fact]
    public async Task RunAsync_ReceiveFailsOnce_ReceivesAgainOnlyAfterBackoff()
    {
        // Arrange
        var handled = new List<long>();
        using var stopping = new CancellationTokenSource();
        ConsumerLoop loop = CreateLoop((m, _) =>
        {
            handled.Add(m.Offset);
            stopping.Cancel();
            return default;
        });
        _consumer.Failures.Enqueue(new InvalidOperationException("transport down"));
        _consumer.Enqueue(FakeConsumer.Message(offset: 5));

        // Act: the failed receive is followed by the transport backoff (base 1 s × 2^0, no jitter).
        Task running = loop.RunAsync(stopping.Token);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        int callsBeforeBackoff = _consumer.ConsumeCalls;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.Equal(1, callsBeforeBackoff);
        Assert.Equal(2, _consumer.ConsumeCalls);
        Assert.Equal([5L], handled);
        Assert.Equal([5L], _consumer.StoredOffsets);
    }

    private ConsumerLoop CreateLoop(Func<ConsumedMessage, CancellationToken, ValueTask> handler) => new(
        _consumer,
        new DelegateMessageHandlerInvoker(handler),
        _producer,
        _options,
        _time,
        _metrics,
        NullLogger.Instance);
}
