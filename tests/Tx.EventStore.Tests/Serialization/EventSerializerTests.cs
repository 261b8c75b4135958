using System.Text;
using System.Text.Json;
using Tx.EventStore.Appending;
using Tx.EventStore.Reading;
using Tx.EventStore.Serialization;

namespace Tx.EventStore.Tests.Serialization;

public sealed class EventSerializerTests
{
    private static readonly DateTimeOffset Now = new(2025, 11, 14, 10, 0, 0, TimeSpan.Zero);

    public sealed record Money(string Currency, decimal Amount);

    [Fact]
    public void Serialize_WritesUtf8JsonUnderTheStableName()
    {
        var serializer = Create(new EventTypeMap().Add<Money>("Money", 3));
        var data = new EventData(new Money("EUR", 12.5m), new EventMetadata("c"));

        var uncommitted = serializer.Serialize("s", data, Now);

        Assert.Equal("Money", uncommitted.EventType);
        Assert.Equal(3, uncommitted.SchemaVersion);
        Assert.Equal("{\"currency\":\"EUR\",\"amount\":12.5}", Encoding.UTF8.GetString(uncommitted.Data.Span));
        Assert.Equal(data.EventId, uncommitted.EventId);
        Assert.Equal(Now, uncommitted.Timestamp);
        Assert.Equal("c", uncommitted.Metadata.CorrelationId);
    }

    [Fact]
    public void Deserialize_UpcastersChainFromStoredToCurrentVersion()
    {
        var map = new EventTypeMap()
            .Add<Money>("Money", 3)
            .AddUpcaster("Money", 1, j =>
            {
                j["amount"] = j["cents"]!.GetValue<int>() / 100m;
                j.Remove("cents");
                return j;
            })
            .AddUpcaster("Money", 2, j =>
            {
                j["currency"] ??= "USD";
                return j;
            });

        object value = Create(map).Deserialize(Recorded("Money", 1, "{\"cents\":1234}"));

        Assert.Equal(new Money("USD", 12.34m), value);
    }

    [Fact]
    public void Deserialize_NewerSchemaThanRegistered_ThrowsNamingTheVersions()
    {
        var ex = Assert.Throws<EventDeserializationException>(() => Create(new EventTypeMap().Add<Money>("Money")).Deserialize(Recorded("Money", 4, "{}")));

        Assert.Contains("schema version 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_MalformedJson_ThrowsNamingStreamVersionAndType()
    {
        var ex = Assert.Throws<EventDeserializationException>(() => Create(new EventTypeMap().Add<Money>("Money")).Deserialize(Recorded("Money", 1, "{\"amount\":\"x\"")));

        Assert.Equal("txn_1", ex.StreamId);
        Assert.Equal(9, ex.StreamVersion);
        Assert.Equal("Money", ex.EventType);
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
        Assert.StartsWith("Cannot read event 9 of stream 'txn_1' (type 'Money', schema version 1)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_JsonNull_Throws() =>
        Assert.Throws<EventDeserializationException>(() => Create(new EventTypeMap().Add<Money>("Money")).Deserialize(Recorded("Money", 1, "null")));

    [Fact]
    public void Serialize_UnregisteredType_ThrowsNamingTheTypeAndStream()
    {
        var ex = Assert.Throws<UnknownEventTypeException>(() => Create(new EventTypeMap()).Serialize("acc-9", new EventData(new Money("X", 1m)), Now));

        Assert.Equal(typeof(Money), ex.ClrType);
        Assert.Contains("acc-9", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Money), ex.Message, StringComparison.Ordinal);
    }

    private static EventSerializer Create(EventTypeMap map) => new(map, new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private static RecordedEvent Recorded(string type, int schemaVersion, string json) =>
        new("txn_1", Guid.NewGuid(), type, schemaVersion, 9, 42, Now, EventMetadata.Empty, Encoding.UTF8.GetBytes(json));
}
