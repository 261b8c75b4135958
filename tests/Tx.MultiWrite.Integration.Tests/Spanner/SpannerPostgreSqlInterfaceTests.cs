using Npgsql;
using Tx.MultiWrite.ComplianceTests;
using Tx.MultiWrite.Spanner.Targets;
using Tx.MultiWrite.Targets;
using Tx.TestUtilities;

namespace Tx.MultiWrite.Integration.Tests.Spanner;

/// <summary>The target contract against real Cloud Spanner through PGAdapter (TX_SPANNER_PG), with per-run table names.</summary>
[Trait("Category", "Integration")]
public sealed class SpannerPostgreSqlInterfaceTests
{
    [RequiresEnvironmentFact("TX_SPANNER_PG", "Cloud Spanner (PostgreSQL interface)")]
    public async Task TargetContract_HoldsOnSpanner()
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
            await suite.ScanAsync_Range_ReturnsRecordsInWriteIdOrderWithinBoundsAndLimit();
        }
        finally
        {
            await suite.DisposeAsync();
        }
    }

    private sealed class Suite : WriteTargetComplianceTests
    {
        private readonly string _table = "mw_" + Guid.NewGuid().ToString("N")[..10];

        protected override Task<IWriteTarget> CreateTargetAsync() => Task.FromResult<IWriteTarget>(new SpannerWriteTarget("spanner", new SpannerTargetOptions
        {
            ConnectionString = TestEnvironment.SpannerPostgreSql!,
            TableName = _table,
            AuditTableName = _table + "_audit",
        }));

        protected override async Task<int> CountRowsAsync(Guid writeId)
        {
            await using var connection = new NpgsqlConnection(TestEnvironment.SpannerPostgreSql);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM {_table} WHERE write_id = $1", connection) { Parameters = { new() { Value = writeId.ToString("D") } } };
            return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
