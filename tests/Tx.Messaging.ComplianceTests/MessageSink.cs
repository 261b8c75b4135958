using System.Collections.Concurrent;
using Tx.Messaging.Consuming;

namespace Tx.Messaging.ComplianceTests;

/// <summary>Records every handler call of a host and decides how the handler behaves.</summary>
public sealed class MessageSink
{
    private readonly ConcurrentQueue<Delivery> _deliveries = new();

    public Func<ConsumedMessage, CancellationToken, ValueTask> Behavior { get; set; } = static (_, _) => default;

    public IReadOnlyList<Delivery> Deliveries => [.. _deliveries];

    public ValueTask OnMessageAsync(ConsumedMessage message, CancellationToken cancellationToken)
    {
        _deliveries.Enqueue(Delivery.From(message));
        return Behavior(message, cancellationToken);
    }
}
