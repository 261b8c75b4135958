using MongoDB.Bson;
using MongoDB.Driver;

namespace Tx.EventStore.MongoDB;

/// <summary>The collections of one store and their indexes.</summary>
internal sealed class MongoDbCollections
{
    private const int NamespaceExists = 48;
    private readonly IMongoDatabase _database;
    private readonly string _prefix;

    public MongoDbCollections(IMongoDatabase database, string prefix)
    {
        _database = database;
        _prefix = prefix;
        Events = database.GetCollection<BsonDocument>(prefix + "events");
        Streams = database.GetCollection<BsonDocument>(prefix + "streams");
        Counters = database.GetCollection<BsonDocument>(prefix + "counters");
        Snapshots = database.GetCollection<BsonDocument>(prefix + "snapshots");
        Checkpoints = database.GetCollection<BsonDocument>(prefix + "checkpoints");
    }

    /// <summary>Gets the events: <c>_id</c> is the global position.</summary>
    public IMongoCollection<BsonDocument> Events { get; }

    public IMongoCollection<BsonDocument> Streams { get; }

    public IMongoCollection<BsonDocument> Counters { get; }

    public IMongoCollection<BsonDocument> Snapshots { get; }

    public IMongoCollection<BsonDocument> Checkpoints { get; }

    /// <summary>Creates the collections (transactions cannot always create them implicitly) and the unique indexes; idempotent.</summary>
    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        foreach (string name in new[] { "events", "streams", "counters", "snapshots", "checkpoints" })
        {
            try
            {
                await _database.CreateCollectionAsync(_prefix + name, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (MongoCommandException ex) when (ex.Code == NamespaceExists)
            {
            }
        }

        await Events.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<BsonDocument>(
                    new BsonDocument { { MongoDbFields.StreamId, 1 }, { MongoDbFields.Version, 1 } },
                    new CreateIndexOptions { Unique = true, Name = "ux_stream_version" }),
                new CreateIndexModel<BsonDocument>(
                    new BsonDocument(MongoDbFields.EventId, 1),
                    new CreateIndexOptions { Unique = true, Name = "ux_event_id" }),
            ],
            cancellationToken).ConfigureAwait(false);
    }
}
