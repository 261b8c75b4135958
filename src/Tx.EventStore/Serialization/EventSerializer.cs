using System.Text.Json;
using System.Text.Json.Nodes;
using Tx.EventStore.Appending;
using Tx.EventStore.Providers;
using Tx.EventStore.Reading;

namespace Tx.EventStore.Serialization;

/// <summary>Turns domain objects into stored payloads and back, through the <see cref="EventTypeMap"/> and upcasters.</summary>
internal sealed class EventSerializer(EventTypeMap types, JsonSerializerOptions jsonOptions)
{
    public JsonSerializerOptions JsonOptions { get; } = jsonOptions;

    public UncommittedEvent Serialize(string streamId, EventData data, DateTimeOffset timestamp)
    {
        var clrType = data.Data.GetType();
        if (!types.TryGetRegistration(clrType, out var registration))
        {
            throw new UnknownEventTypeException(streamId, clrType);
        }

        byte[] payload = JsonSerializer.SerializeToUtf8Bytes(data.Data, clrType, JsonOptions);
        return new UncommittedEvent(data.EventId, registration.Name, registration.SchemaVersion, payload, data.Metadata, timestamp);
    }

    public object Deserialize(RecordedEvent recorded)
    {
        if (!types.TryGetRegistration(recorded.EventType, out var registration))
        {
            throw Error(recorded, "the type name is not registered in EventStoreOptions.Types.");
        }

        try
        {
            object? value;
            if (recorded.SchemaVersion == registration.SchemaVersion)
            {
                value = JsonSerializer.Deserialize(recorded.Data.Span, registration.ClrType, JsonOptions);
            }
            else if (recorded.SchemaVersion < registration.SchemaVersion)
            {
                value = Upcast(recorded, registration).Deserialize(registration.ClrType, JsonOptions);
            }
            else
            {
                throw Error(recorded, $"it was written with schema version {recorded.SchemaVersion}, newer than the registered version {registration.SchemaVersion}.");
            }

            return value ?? throw Error(recorded, "the payload is JSON null.");
        }
        catch (JsonException ex)
        {
            throw Error(recorded, ex.Message, ex);
        }
        catch (NotSupportedException ex)
        {
            throw Error(recorded, ex.Message, ex);
        }
    }

    private JsonObject Upcast(RecordedEvent recorded, EventTypeRegistration registration)
    {
        var node = JsonNode.Parse(recorded.Data.Span) as JsonObject
            ?? throw Error(recorded, "an upcaster needs a JSON object payload.");
        for (int version = recorded.SchemaVersion; version < registration.SchemaVersion; version++)
        {
            if (!types.TryGetUpcaster(recorded.EventType, version, out var upcast))
            {
                throw Error(recorded, $"no upcaster is registered from schema version {version} to {version + 1}.");
            }

            node = upcast(node);
        }

        return node;
    }

    private static EventDeserializationException Error(RecordedEvent recorded, string reason, Exception? inner = null) =>
        new(recorded.StreamId, recorded.StreamVersion, recorded.EventType, recorded.SchemaVersion, reason, inner);
}
