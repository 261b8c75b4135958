using System.Collections.Concurrent;
using Tx.Messaging.Consuming;
using Tx.Messaging.Transport;

namespace Tx.Messaging.Tests.Fakes;

internal sealed class FakeConsumer : IMessageConsumer
{
    private readonly ConcurrentQueue<ConsumedMessage> _messages = new();
    private int _consumeCalls;

    public List<long> StoredOffsets { get; } = [];

    public Action<ConsumedMessage>? OnStore { get; set; }

    public List<ConsumerLag> Lags { get; } = [];

    /// <summary>Failures the next receives report, one each, before messages are handed out.</summary>
    public ConcurrentQueue<Exception> Failures { get; } = new();

    public int ConsumeCalls => Volatile.Read(ref _consumeCalls);

    public void Enqueue(ConsumedMessage message) => _messages.Enqueue(message);

    public async ValueTask<ConsumedMessage> ConsumeAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _consumeCalls);
        if (Failures.TryDequeue(out Exception? failure))
        {
            throw failure;
        }

        while (true)
        {
            if (_messages.TryDequeue(out ConsumedMessage? message))
            {
                return message;
            }

            await Task.Delay(5, cancellationToken);
        }
    }

    public void StoreOffset(ConsumedMessage message)
    {
        OnStore?.Invoke(message);
        StoredOffsets.Add(message.Offset);
    }

    public IReadOnlyList<ConsumerLag> GetLag() => Lags;

    public void Dispose()
    {
    }

    public static ConsumedMessage Message(long offset = 0, string topic = "domain-events", string? key = "txn_1", string value = "{}") =>
        new(topic, 0, offset, key, System.Text.Encoding.UTF8.GetBytes(value), new MessageHeaders { EventType = "E" }, DateTimeOffset.UnixEpoch);
}
