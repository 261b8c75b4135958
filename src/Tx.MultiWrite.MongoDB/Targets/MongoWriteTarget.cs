using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite.MongoDB.Targets;

/// <summary>
/// The MongoDB leg. Multi-document transactions need a replica set; this leg needs none: the document's
/// <c>_id</c> is the write id and the write is an upsert with <c>$setOnInsert</c> only, so a second attempt changes
/// nothing (a duplicate-key error from two racing upserts means "already written"). The audit document is
/// keyed the same way. A tombstone is an upsert that sets <c>tombstone: true</c>.
/// </summary>
internal sealed class MongoWriteTarget : IWriteTarget
{
    private readonly MongoClient _client;
    private readonly IMongoCollection<BsonDocument> _records;
    private readonly IMongoCollection<BsonDocument> _audit;
    private int _inFlight;

    public MongoWriteTarget(string name, MongoTargetOptions options)
    {
        Name = name;
        _client = new MongoClient(options.ConnectionString);
        IMongoDatabase database = _client.GetDatabase(options.DatabaseName);
        _records = database.GetCollection<BsonDocument>(options.CollectionName);
        _audit = database.GetCollection<BsonDocument>(options.AuditCollectionName);
    }

    public string Name { get; }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var keys = Builders<BsonDocument>.IndexKeys.Ascending("recordType").Ascending("recordKey");
        await _records.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(keys), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<TargetWriteOutcome> WriteAsync(TargetRecord record, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            string id = record.WriteId.ToString("D");
            UpdateResult result;
            try
            {
                result = await _records.UpdateOneAsync(
                    Builders<BsonDocument>.Filter.Eq("_id", id),
                    SetOnInsert(record, tombstone: false),
                    new UpdateOptions { IsUpsert = true },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
            {
                return await ExistingOutcomeAsync(id, cancellationToken).ConfigureAwait(false);
            }

            if (result.UpsertedId is null)
            {
                return await ExistingOutcomeAsync(id, cancellationToken).ConfigureAwait(false);
            }

            await AuditAsync(record, "success", cancellationToken).ConfigureAwait(false);
            return TargetWriteOutcome.Written;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async Task TombstoneAsync(TargetRecord record, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            UpdateDefinition<BsonDocument> update = Builders<BsonDocument>.Update
                .Set("tombstone", true)
                .SetOnInsert("recordType", record.RecordType)
                .SetOnInsert("recordKey", record.Key)
                .SetOnInsert("payload", record.PayloadJson)
                .SetOnInsert("payloadHash", record.PayloadHash)
                .SetOnInsert("createdAt", record.CreatedAt.UtcDateTime);
            try
            {
                await _records.UpdateOneAsync(Builders<BsonDocument>.Filter.Eq("_id", record.WriteId.ToString("D")), update, new UpdateOptions { IsUpsert = true }, cancellationToken).ConfigureAwait(false);
            }
            catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
            {
                // A racing upsert inserted the document first; now it exists, so the update applies.
                await _records.UpdateOneAsync(Builders<BsonDocument>.Filter.Eq("_id", record.WriteId.ToString("D")), update, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            await AuditAsync(record, "tombstoned", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async Task<IReadOnlyList<StoredRecord>> ReadAsync(IReadOnlyCollection<Guid> writeIds, CancellationToken cancellationToken)
    {
        if (writeIds.Count == 0)
        {
            return [];
        }

        FilterDefinition<BsonDocument> filter = Builders<BsonDocument>.Filter.In("_id", writeIds.Select(id => id.ToString("D")));
        return await FindAsync(filter, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredRecord>> ScanAsync(Guid fromInclusive, Guid toInclusive, int limit, CancellationToken cancellationToken)
    {
        FilterDefinitionBuilder<BsonDocument> f = Builders<BsonDocument>.Filter;
        FilterDefinition<BsonDocument> filter = f.Gte("_id", fromInclusive.ToString("D")) & f.Lte("_id", toInclusive.ToString("D"));
        return await FindAsync(filter, limit, cancellationToken).ConfigureAwait(false);
    }

    public PoolStatistics? GetPoolStatistics()
    {
        ClusterDescription cluster = _client.Cluster.Description;
        return new PoolStatistics
        {
            Connected = cluster.State == ClusterState.Connected,
            Max = _client.Settings.MaxConnectionPoolSize,
            Min = _client.Settings.MinConnectionPoolSize,
            Borrowed = Volatile.Read(ref _inFlight),
        };
    }

    private static UpdateDefinition<BsonDocument> SetOnInsert(TargetRecord record, bool tombstone) =>
        Builders<BsonDocument>.Update
            .SetOnInsert("recordType", record.RecordType)
            .SetOnInsert("recordKey", record.Key)
            .SetOnInsert("payload", record.PayloadJson)
            .SetOnInsert("payloadHash", record.PayloadHash)
            .SetOnInsert("tombstone", tombstone)
            .SetOnInsert("createdAt", record.CreatedAt.UtcDateTime);

    private async Task<TargetWriteOutcome> ExistingOutcomeAsync(string id, CancellationToken cancellationToken)
    {
        BsonDocument? existing = await _records.Find(Builders<BsonDocument>.Filter.Eq("_id", id))
            .Project(Builders<BsonDocument>.Projection.Include("tombstone"))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return existing is not null && existing.GetValue("tombstone", false).ToBoolean() ? TargetWriteOutcome.Tombstoned : TargetWriteOutcome.AlreadyPresent;
    }

    private async Task AuditAsync(TargetRecord record, string status, CancellationToken cancellationToken)
    {
        string auditId = $"{record.WriteId:D}:{Name}:{status}";
        try
        {
            await _audit.UpdateOneAsync(
                Builders<BsonDocument>.Filter.Eq("_id", auditId),
                Builders<BsonDocument>.Update
                    .SetOnInsert("writeId", record.WriteId.ToString("D"))
                    .SetOnInsert("databaseName", Name)
                    .SetOnInsert("status", status)
                    .SetOnInsert("createdAt", record.CreatedAt.UtcDateTime),
                new UpdateOptions { IsUpsert = true },
                cancellationToken).ConfigureAwait(false);
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            // Already audited.
        }
    }

    private async Task<IReadOnlyList<StoredRecord>> FindAsync(FilterDefinition<BsonDocument> filter, int? limit, CancellationToken cancellationToken)
    {
        IFindFluent<BsonDocument, BsonDocument> find = _records.Find(filter).Sort(Builders<BsonDocument>.Sort.Ascending("_id"));
        if (limit is int n)
        {
            find = find.Limit(n);
        }

        List<BsonDocument> documents = await find.ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. documents.Select(d =>
        {
            string type = d.GetValue("recordType", string.Empty).AsString;
            string key = d.GetValue("recordKey", string.Empty).AsString;
            string payload = d.GetValue("payload", string.Empty).AsString;
            return new StoredRecord(Guid.Parse(d["_id"].AsString), type, key, RecordHash.Compute(type, key, payload), d.GetValue("tombstone", false).ToBoolean());
        })];
    }
}
