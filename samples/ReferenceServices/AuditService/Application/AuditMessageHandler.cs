using System.Text;
using System.Text.Json;
using AuditService.Infrastructure;
using Tx.Messaging;
using Tx.Messaging.Consuming;

namespace AuditService.Application;

/// <summary>Audits every message as it is: the payload verbatim, the event type from the <c>eventType</c> header (or the
/// payload's <c>eventType</c>), the aggregate from the <c>aggregateId</c> header (or the payload's <c>transactionId</c>, or the key).</summary>
public sealed class AuditMessageHandler(AuditStore store) : IMessageHandler
{
    public async ValueTask HandleAsync(ConsumedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        string payload = Encoding.UTF8.GetString(message.Value.Span);
        string? eventType = message.Headers.GetValueOrDefault(MessageHeaderNames.EventType);
        string? transactionId = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(message.Value);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                transactionId = Text(document.RootElement, "transactionId");
                eventType ??= Text(document.RootElement, "eventType");
            }
        }
        catch (JsonException)
        {
            // Not JSON: audited verbatim all the same.
        }

        string? aggregateId = message.Headers.GetValueOrDefault(MessageHeaderNames.AggregateId) ?? transactionId ?? message.Key;
        await store.AppendAsync(new AuditRecord(message.Topic, message.Partition, message.Offset, message.Key, eventType, aggregateId, transactionId, payload, message.Timestamp), cancellationToken);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
