using System.Runtime.CompilerServices;
using MongoDB.Bson;
using MongoDB.Driver;
using Tx.EventStore.Appending;
using Tx.EventStore.Providers;
using Tx.EventStore.Reading;
using Tx.EventStore.Streams;

namespace Tx.EventStore.MongoDB;

/// <summary>
/// Stores events in MongoDB with the official driver. An append is one multi-document transaction (so the server
/// must be a replica set or a sharded cluster; a single-node replica set is enough): read the stream document and
/// check the expected version, write the stream document, take positions from the counter document with
/// <c>$inc</c>, insert the events, commit. A second transaction that touches the same stream or the counter before
/// the first commits gets a write conflict and is retried by the driver, so positions are gap-free and commit in
/// increasing order: a reader that continues after the last position it saw never skips a late commit.
/// </summary>
public sealed class MongoDbEventStoreProvider : IEventStoreProvider, IDisposable
{
    private const int DuplicateKey = 11000;
    private const int MaxStreamCreationRetries = 5;
    private static readonly TransactionOptions s_transactionOptions = new(ReadConcern.Snapshot, writeConcern: WriteConcern.WMajority);
    private readonly MongoClient _client;
    private readonly MongoDbEventStoreOptions _options;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>Initializes a new instance of the <see cref="MongoDbEventStoreProvider"/> class.</summary>
    /// <param name="options">The provider options (connection string, database, collection prefix...).</param>
    public MongoDbEventStoreProvider(MongoDbEventStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabaseName);
        _options = options;
        _client = new MongoClient(options.ConnectionString);
        var database = _client.GetDatabase(options.DatabaseName);
        string prefix = options.CollectionPrefix ?? string.Empty;
        Collections = new MongoDbCollections(database, prefix);
        Snapshots = new MongoDbSnapshotStore(this);
        Checkpoints = new MongoDbCheckpointStore(this);
    }

    /// <inheritdoc />
    public ISnapshotStore Snapshots { get; }

    /// <inheritdoc />
    public ICheckpointStore Checkpoints { get; }

    /// <summary>Gets or sets a test hook awaited inside an append/delete transaction after the events are written, before COMMIT.</summary>
    internal Func<CancellationToken, ValueTask>? BeforeCommit { get; set; }

    internal MongoDbCollections Collections { get; }

    /// <inheritdoc />
    public async ValueTask MigrateAsync(CancellationToken cancellationToken = default)
    {
        await Collections.CreateAsync(cancellationToken).ConfigureAwait(false);
        _schemaReady = true;
    }

    /// <inheritdoc />
    public ValueTask<AppendResult> AppendAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<UncommittedEvent> events, CancellationToken cancellationToken = default) =>
        WriteAsync(streamId, expectedVersion, events, delete: false, cancellationToken);

    /// <inheritdoc />
    public ValueTask<AppendResult> DeleteStreamAsync(string streamId, ExpectedVersion expectedVersion, UncommittedEvent tombstone, CancellationToken cancellationToken = default) =>
        WriteAsync(streamId, expectedVersion, [tombstone], delete: true, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromVersion, ReadDirection direction, int maxCount, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var stream = await Collections.Streams.Find(MongoDbFields.ById(streamId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            yield break;
        }

        if (stream[MongoDbFields.Deleted].AsBoolean)
        {
            throw new StreamDeletedException(streamId);
        }

        bool forwards = direction == ReadDirection.Forwards;
        var filter = new BsonDocument
        {
            { MongoDbFields.StreamId, streamId },
            { MongoDbFields.Version, new BsonDocument(forwards ? "$gte" : "$lte", fromVersion) },
        };
        var find = Collections.Events.Find(filter).Sort(new BsonDocument(MongoDbFields.Version, forwards ? 1 : -1)).Limit(maxCount);
        using var cursor = await find.ToCursorAsync(cancellationToken).ConfigureAwait(false);
        while (await cursor.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var document in cursor.Current)
            {
                yield return MongoDbFields.ToRecordedEvent(document);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var documents = await Collections.Events
            .Find(new BsonDocument("_id", new BsonDocument("$gt", afterPosition)))
            .Sort(new BsonDocument("_id", 1))
            .Limit(maxCount)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return documents.ConvertAll(MongoDbFields.ToRecordedEvent);
    }

    /// <inheritdoc />
    public async ValueTask<long> GetHeadPositionAsync(CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var last = await Collections.Events.Find(FilterDefinition<BsonDocument>.Empty)
            .Sort(new BsonDocument("_id", -1))
            .Project(new BsonDocument("_id", 1))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return last is null ? 0 : last["_id"].AsInt64;
    }

    /// <inheritdoc />
    public async ValueTask<StreamInfo> GetStreamInfoAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var stream = await Collections.Streams.Find(MongoDbFields.ById(streamId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return stream is null
            ? new StreamInfo(streamId, 0, false)
            : new StreamInfo(streamId, stream[MongoDbFields.Version].AsInt64, stream[MongoDbFields.Deleted].AsBoolean);
    }

    /// <inheritdoc />
    public async ValueTask<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var document = await Collections.Events.Find(new BsonDocument(MongoDbFields.EventId, MongoDbFields.ToBson(eventId)))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return document is null ? null : MongoDbFields.ToRecordedEvent(document);
    }

    /// <inheritdoc />
    public async ValueTask<long> TruncateStreamAsync(string streamId, long beforeVersion, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var result = await Collections.Events.DeleteManyAsync(
            new BsonDocument
            {
                { MongoDbFields.StreamId, streamId },
                { MongoDbFields.Version, new BsonDocument("$lt", beforeVersion) },
            },
            cancellationToken).ConfigureAwait(false);
        return result.DeletedCount;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _schemaLock.Dispose();
        _client.Dispose();
    }

    internal static bool IsDuplicateKey(MongoException exception) => exception switch
    {
        MongoWriteException write => write.WriteError?.Category == ServerErrorCategory.DuplicateKey,
        MongoBulkWriteException bulk => bulk.WriteErrors.Any(e => e.Code == DuplicateKey),
        MongoCommandException command => command.Code == DuplicateKey,
        _ => false,
    };

    internal async ValueTask EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady || !_options.AutoCreateSchema)
        {
            return;
        }

        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_schemaReady)
            {
                await MigrateAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    private async ValueTask<AppendResult> WriteAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<UncommittedEvent> events, bool delete, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        using var session = await _client.StartSessionAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                // The driver retries the callback on TransientTransactionError (write conflicts with a concurrent writer).
                return await session.WithTransactionAsync(
                    (s, ct) => WriteInTransactionAsync(s, streamId, expectedVersion, events, delete, ct),
                    s_transactionOptions,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (StreamCreationRaceException) when (attempt < MaxStreamCreationRetries)
            {
                // Another writer created the stream after our snapshot: run again against the new state.
            }
        }
    }

    private async Task<AppendResult> WriteInTransactionAsync(IClientSessionHandle session, string streamId, ExpectedVersion expectedVersion, IReadOnlyList<UncommittedEvent> events, bool delete, CancellationToken cancellationToken)
    {
        var stream = await Collections.Streams.Find(session, MongoDbFields.ById(streamId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (stream is not null && stream[MongoDbFields.Deleted].AsBoolean)
        {
            throw new StreamDeletedException(streamId);
        }

        long current = stream?[MongoDbFields.Version].AsInt64 ?? 0;
        if (!expectedVersion.IsSatisfiedBy(current))
        {
            throw new WrongExpectedVersionException(streamId, expectedVersion, current);
        }

        int count = events.Count;
        var streamUpdate = new BsonDocument("$set", new BsonDocument { { MongoDbFields.Version, current + count }, { MongoDbFields.Deleted, delete } });
        try
        {
            // Writing the stream document makes a concurrent writer of the same stream conflict (first updater wins).
            await Collections.Streams.UpdateOneAsync(session, MongoDbFields.ById(streamId), streamUpdate, new UpdateOptions { IsUpsert = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (MongoException ex) when (IsDuplicateKey(ex))
        {
            throw new StreamCreationRaceException(ex);
        }

        // Taken as late as possible: the counter document stays write-locked by this transaction until it commits.
        var counter = await Collections.Counters.FindOneAndUpdateAsync(
            session,
            MongoDbFields.ById(MongoDbFields.PositionCounter),
            new BsonDocument("$inc", new BsonDocument(MongoDbFields.Value, (long)count)),
            new FindOneAndUpdateOptions<BsonDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After },
            cancellationToken).ConfigureAwait(false);
        long last = counter[MongoDbFields.Value].AsInt64;
        var documents = new BsonDocument[count];
        for (int i = 0; i < count; i++)
        {
            documents[i] = MongoDbFields.ToDocument(streamId, current + i + 1, last - count + i + 1, events[i]);
        }

        try
        {
            await Collections.Events.InsertManyAsync(session, documents, new InsertManyOptions { IsOrdered = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (MongoException ex) when (IsDuplicateKey(ex))
        {
            throw new DuplicateEventIdException(streamId, count == 1 ? events[0].EventId : null, ex);
        }

        if (BeforeCommit is { } hook)
        {
            await hook(cancellationToken).ConfigureAwait(false);
        }

        return new AppendResult(current + count, last);
    }
}
