using System.Text;
using Tx.Messaging.Consuming;

namespace Tx.Messaging.ComplianceTests;

/// <summary>A snapshot of one handler call.</summary>
public sealed record Delivery(string Topic, int Partition, long Offset, string? Key, string Value, int Attempt, IReadOnlyDictionary<string, string> Headers)
{
    public static Delivery From(ConsumedMessage message) => new(
        message.Topic,
        message.Partition,
        message.Offset,
        message.Key,
        Encoding.UTF8.GetString(message.Value.Span),
        message.Attempt,
        new Dictionary<string, string>(message.Headers));
}
