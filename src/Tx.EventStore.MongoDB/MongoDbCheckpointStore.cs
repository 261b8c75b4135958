using MongoDB.Bson;
using MongoDB.Driver;
using Tx.EventStore.Providers;

namespace Tx.EventStore.MongoDB;

/// <summary>Subscription checkpoints: one document per subscription name.</summary>
internal sealed class MongoDbCheckpointStore(MongoDbEventStoreProvider provider) : ICheckpointStore
{
    public async ValueTask<long?> LoadAsync(string subscriptionName, CancellationToken cancellationToken = default)
    {
        await provider.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var d = await provider.Collections.Checkpoints.Find(MongoDbFields.ById(subscriptionName)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return d?[MongoDbFields.Position].AsInt64;
    }

    public async ValueTask SaveAsync(string subscriptionName, long position, CancellationToken cancellationToken = default)
    {
        await provider.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await provider.Collections.Checkpoints.UpdateOneAsync(
            MongoDbFields.ById(subscriptionName),
            new BsonDocument("$set", new BsonDocument(MongoDbFields.Position, position)),
            new UpdateOptions { IsUpsert = true },
            cancellationToken).ConfigureAwait(false);
    }
}
