using MongoDB.Bson;
using MongoDB.Driver;
using Tx.EventStore.Providers;

namespace Tx.EventStore.MongoDB;

/// <summary>The latest snapshot per stream, one document each; a save never replaces a newer snapshot.</summary>
internal sealed class MongoDbSnapshotStore(MongoDbEventStoreProvider provider) : ISnapshotStore
{
    public async ValueTask SaveAsync(SnapshotRecord snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await provider.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var filter = new BsonDocument
        {
            { "_id", snapshot.StreamId },
            { MongoDbFields.Version, new BsonDocument("$lte", snapshot.StreamVersion) },
        };
        var update = new BsonDocument("$set", new BsonDocument
        {
            { MongoDbFields.Version, snapshot.StreamVersion },
            { MongoDbFields.Type, snapshot.SnapshotType },
            { MongoDbFields.SchemaVersion, snapshot.SchemaVersion },
            { MongoDbFields.Data, new BsonBinaryData(snapshot.Data.ToArray()) },
            { MongoDbFields.CreatedAt, new BsonDateTime(snapshot.Timestamp.UtcDateTime) },
        });
        try
        {
            await provider.Collections.Snapshots.UpdateOneAsync(filter, update, new UpdateOptions { IsUpsert = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (MongoException ex) when (MongoDbEventStoreProvider.IsDuplicateKey(ex))
        {
            // A newer snapshot is stored: the filter did not match and the upsert collided with it. Keep the newer one.
        }
    }

    public async ValueTask<SnapshotRecord?> LoadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await provider.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var d = await provider.Collections.Snapshots.Find(MongoDbFields.ById(streamId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return d is null
            ? null
            : new SnapshotRecord(
                streamId,
                d[MongoDbFields.Version].AsInt64,
                d[MongoDbFields.Type].AsString,
                d[MongoDbFields.SchemaVersion].AsInt32,
                d[MongoDbFields.Data].AsBsonBinaryData.Bytes,
                MongoDbFields.ToTimestamp(d[MongoDbFields.CreatedAt]));
    }

    public async ValueTask DeleteAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await provider.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await provider.Collections.Snapshots.DeleteOneAsync(MongoDbFields.ById(streamId), cancellationToken).ConfigureAwait(false);
    }
}
