using MongoDB.Bson;
using Tx.EventStore.Appending;
using Tx.EventStore.Providers;
using Tx.EventStore.Reading;

namespace Tx.EventStore.MongoDB;

/// <summary>Field names and the mapping between events and BSON documents.</summary>
internal static class MongoDbFields
{
    public const string StreamId = "stream_id";
    public const string Version = "version";
    public const string Deleted = "deleted";
    public const string EventId = "event_id";
    public const string Type = "type";
    public const string SchemaVersion = "schema_version";
    public const string Data = "data";
    public const string CorrelationId = "correlation_id";
    public const string CausationId = "causation_id";
    public const string UserId = "user_id";
    public const string CreatedAt = "created_at";
    public const string Value = "value";
    public const string Position = "position";
    public const string PositionCounter = "position";

    public static BsonDocument ById(string id) => new("_id", id);

    public static BsonBinaryData ToBson(Guid id) => new(id, GuidRepresentation.Standard);

    public static BsonDocument ToDocument(string streamId, long version, long position, UncommittedEvent e) => new()
    {
        { "_id", position },
        { StreamId, streamId },
        { Version, version },
        { EventId, ToBson(e.EventId) },
        { Type, e.EventType },
        { SchemaVersion, e.SchemaVersion },
        { Data, new BsonBinaryData(e.Data.ToArray()) },
        { CorrelationId, (BsonValue?)e.Metadata.CorrelationId ?? BsonNull.Value },
        { CausationId, (BsonValue?)e.Metadata.CausationId ?? BsonNull.Value },
        { UserId, (BsonValue?)e.Metadata.UserId ?? BsonNull.Value },
        { CreatedAt, new BsonDateTime(e.Timestamp.UtcDateTime) },
    };

    public static RecordedEvent ToRecordedEvent(BsonDocument d) => new(
        d[StreamId].AsString,
        d[EventId].AsBsonBinaryData.ToGuid(GuidRepresentation.Standard),
        d[Type].AsString,
        d[SchemaVersion].AsInt32,
        d[Version].AsInt64,
        d["_id"].AsInt64,
        ToTimestamp(d[CreatedAt]),
        new EventMetadata(NullableString(d[CorrelationId]), NullableString(d[CausationId]), NullableString(d[UserId])),
        d[Data].AsBsonBinaryData.Bytes);

    public static DateTimeOffset ToTimestamp(BsonValue value) => new(value.ToUniversalTime());

    private static string? NullableString(BsonValue value) => value.IsBsonNull ? null : value.AsString;
}
