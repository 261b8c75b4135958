using Microsoft.Data.Sqlite;
using Tx.EventStore.Appending;
using Tx.EventStore.Reading;

namespace Tx.EventStore.Sqlite;

/// <summary>Maps event rows (columns in <see cref="SqliteSql"/> order) to <see cref="RecordedEvent"/>.</summary>
internal static class SqliteEventMapper
{
    public static RecordedEvent Map(SqliteDataReader reader, string? streamId, ref string? lastType)
    {
        string type = reader.GetString(2);

        // Streams repeat a handful of type names: share one string instance per run of equal names.
        if (lastType is not null && string.Equals(type, lastType, StringComparison.Ordinal))
        {
            type = lastType;
        }
        else
        {
            lastType = type;
        }

        string? correlation = reader.IsDBNull(7) ? null : reader.GetString(7);
        string? causation = reader.IsDBNull(8) ? null : reader.GetString(8);
        string? user = reader.IsDBNull(9) ? null : reader.GetString(9);
        var metadata = correlation is null && causation is null && user is null
            ? EventMetadata.Empty
            : new EventMetadata(correlation, causation, user);

        return new RecordedEvent(
            streamId ?? reader.GetString(0),
            reader.GetGuid(1),
            type,
            reader.GetInt32(3),
            reader.GetInt64(4),
            reader.GetInt64(5),
            new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
            metadata,
            reader.GetFieldValue<byte[]>(10));
    }
}
