using MongoDB.Bson;
using MongoDB.Driver;
using Tx.MultiWrite.ComplianceTests;
using Tx.MultiWrite.MongoDB.Targets;
using Tx.MultiWrite.Targets;
using Tx.TestUtilities;

namespace Tx.MultiWrite.Integration.Tests.MongoDB;

/// <summary>The target contract against MongoDB (TX_MONGODB_URL), in a per-run database.</summary>
[Trait("Category", "Integration")]
public sealed class MongoWriteTargetTests
{
    [RequiresEnvironmentFact("TX_MONGODB_URL", "MongoDB")]
    public async Task TargetContract_HoldsOnMongoDb()
    {
        var suite = new Suite();
        await suite.InitializeAsync();
        try
        {
            await suite.WriteAsync_NewRecord_ReturnsWrittenAndReadsBack();
            await suite.WriteAsync_SameWriteIdTwice_SecondIsAlreadyPresentAndOneRowRemains();
            await suite.WriteAsync_ConcurrentAttemptsOfOneWrite_ExactlyOneWrites();
            await suite.TombstoneAsync_WrittenRecord_LateWriteSeesTombstone();
            await suite.TombstoneAsync_AbsentRecord_InsertsTombstoneThatBlocksTheWrite();
            await suite.ReadAsync_UnknownIds_ReturnsOnlyStoredOnes();
            await suite.ScanAsync_Range_ReturnsRecordsInWriteIdOrderWithinBoundsAndLimit();
            suite.GetPoolStatistics_DoesNotThrow();
        }
        finally
        {
            await suite.DisposeAsync();
        }
    }

    private sealed class Suite : WriteTargetComplianceTests
    {
        private readonly string _database = "mw_" + Guid.NewGuid().ToString("N")[..10];

        protected override Task<IWriteTarget> CreateTargetAsync() => Task.FromResult<IWriteTarget>(new MongoWriteTarget("mongodb", new MongoTargetOptions
        {
            ConnectionString = TestEnvironment.MongoDb!,
            DatabaseName = _database,
        }));

        protected override async Task<int> CountRowsAsync(Guid writeId)
        {
            var collection = new MongoClient(TestEnvironment.MongoDb).GetDatabase(_database).GetCollection<BsonDocument>("multiwrite_records");
            return (int)await collection.CountDocumentsAsync(Builders<BsonDocument>.Filter.Eq("_id", writeId.ToString("D")));
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await new MongoClient(TestEnvironment.MongoDb).DropDatabaseAsync(_database);
        }
    }
}
