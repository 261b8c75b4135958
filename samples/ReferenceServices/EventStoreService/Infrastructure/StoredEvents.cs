using System.Text.Json;
using ReferenceServices.Contracts;
using Tx.EventStore.Reading;

namespace EventStoreService.Infrastructure;

public static class StoredEvents
{
    /// <summary>The stored JSON as it is (no CLR type needed), with position and metadata.</summary>
    public static StoredEventDto ToDto(RecordedEvent e)
    {
        using JsonDocument data = JsonDocument.Parse(e.Data);
        return new StoredEventDto(e.StreamId, e.StreamVersion, e.Position, e.EventType, e.Timestamp,
            e.Metadata.CorrelationId, e.Metadata.UserId, data.RootElement.Clone());
    }
}
