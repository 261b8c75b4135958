using System.Collections.Concurrent;
using Tx.Messaging.Producing;

namespace Tx.Messaging.Tests.Fakes;

internal sealed class FakeProducer : IMessageProducer
{
    public ConcurrentQueue<(string Topic, OutgoingMessage Message)> Produced { get; } = new();

    public int FailuresLeft { get; set; }

    public int Calls { get; private set; }

    public ValueTask<DeliveryResult> ProduceAsync(string topic, OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        Calls++;
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new MessageProduceException("broker down");
        }

        Produced.Enqueue((topic, message));
        return new(new DeliveryResult(topic, 0, Produced.Count - 1, DateTimeOffset.UnixEpoch));
    }

    public async ValueTask<IReadOnlyList<DeliveryResult>> ProduceBatchAsync(string topic, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        var results = new List<DeliveryResult>();
        foreach (OutgoingMessage message in messages)
        {
            results.Add(await ProduceAsync(topic, message, cancellationToken));
        }

        return results;
    }
}
