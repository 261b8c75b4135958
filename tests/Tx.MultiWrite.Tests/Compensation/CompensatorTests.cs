using Tx.MultiWrite.Compensation;
using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Publishing;
using Tx.MultiWrite.Targets;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Tests.Compensation;

public sealed class CompensatorTests
{
    private static MultiWriteHarness AllOrNothing() => new(
        configure: b => b
            .ConfigureRecordType("payments", t => t.Policy = ConsistencyPolicy.AllOrNothing)
            .ConfigureRetryWorker(o => o.MaxAttempts = 1),
        leg: o => o.MinimumThroughput = 1_000);

    [Fact]
    public async Task CompensateAsync_PermanentFailure_TombstonesCommittedLegsAndPublishes()
    {
        using MultiWriteHarness harness = AllOrNothing();
        harness.Spanner.Fault = new InvalidOperationException("spanner rejected");

        MultiWriteResult result = await harness.Writer.WriteAsync(MultiWriteHarness.Record(type: "payments"));

        Assert.Equal(IntentStatus.Compensating, result.Status);
        Assert.Empty(result.Succeeded);
        Assert.True(harness.MySql.Rows[result.WriteId].Tombstoned);
        Assert.True(harness.Mongo.Rows[result.WriteId].Tombstoned);
        Assert.False(harness.Spanner.Rows.ContainsKey(result.WriteId));
        CompensationRequiredEvent compensation = Assert.Single(harness.Publisher.Compensations);
        Assert.Equal("COMPENSATION_REQUIRED", compensation.EventType);
        Assert.Equal("spanner", compensation.FailedDatabase);
        Assert.Equal(["mongodb", "mysql", "spanner"], compensation.CompensatedDatabases.Order());
        Assert.Equal(MultiWriteTopics.CompensationEvents, "compensation-events");
    }

    [Fact]
    public async Task CompensateAsync_LateRetryAfterCompensation_CannotResurrectTheRecord()
    {
        using MultiWriteHarness harness = AllOrNothing();
        harness.Spanner.Fault = new InvalidOperationException("spanner down");
        MultiWriteResult result = await harness.Writer.WriteAsync(MultiWriteHarness.Record(type: "payments"));
        WriteIntent intent = (await harness.Ledger.GetAsync(result.WriteId, default))!;
        TargetRecord record = new(intent.WriteId, intent.RecordType, intent.Key, intent.PayloadJson, intent.PayloadHash, intent.CreatedAt);

        // A late attempt of the committed legs (a slow retry still in flight) finds the tombstone.
        TargetWriteOutcome late = await harness.MySql.WriteAsync(record, default);
        harness.Spanner.Fault = null;
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.Worker.DrainAsync(5, default);
        TargetWriteOutcome lateSpanner = await harness.Spanner.WriteAsync(record, default);

        Assert.Equal(TargetWriteOutcome.Tombstoned, late);
        Assert.Equal(TargetWriteOutcome.Tombstoned, lateSpanner);
        Assert.All(harness.Targets, t => Assert.True(t.Rows[result.WriteId].Tombstoned));
        Assert.Equal(IntentStatus.Compensated, (await harness.Ledger.GetAsync(result.WriteId, default))!.Status);
    }

    [Fact]
    public async Task WriteAsync_ForwardRecovery_PermanentFailureKeepsTheOtherLegs()
    {
        using var harness = new MultiWriteHarness(configure: b => b.ConfigureRetryWorker(o => o.MaxAttempts = 1));
        harness.Spanner.Fault = new InvalidOperationException("down");

        MultiWriteResult result = await harness.Writer.WriteAsync(MultiWriteHarness.Record());

        Assert.Equal(IntentStatus.DeadLettered, result.Status);
        Assert.Equal(2, result.Succeeded.Count);
        Assert.Empty(harness.Publisher.Compensations);
        Assert.False(harness.MySql.Rows[result.WriteId].Tombstoned);
    }
}
