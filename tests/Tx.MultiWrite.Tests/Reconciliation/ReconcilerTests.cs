using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Reconciliation;
using Tx.MultiWrite.Targets;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Tests.Reconciliation;

public sealed class ReconcilerTests
{
    [Fact]
    public async Task ReconcileAsync_StoresAgree_ReportsNoDrift()
    {
        using var harness = new MultiWriteHarness();
        DateTimeOffset start = harness.Time.GetUtcNow();
        for (int i = 0; i < 7; i++)
        {
            await harness.Writer.WriteAsync(MultiWriteHarness.Record("k" + i));
        }

        ReconciliationReport report = await harness.Reconciler.ReconcileAsync(WriteIds.MinAt(start), WriteIds.MaxAt(harness.Time.GetUtcNow()), new ReconciliationOptions { PageSize = 3 });

        Assert.Equal(7, report.IntentsScanned);
        Assert.True(report.InSync);
        Assert.Empty(report.Issues);
    }

    [Fact]
    public async Task ReconcileAsync_Drift_RepairsMissingFlagsOrphansAndMismatches()
    {
        using var harness = new MultiWriteHarness();
        DateTimeOffset start = harness.Time.GetUtcNow();
        var ids = new List<Guid>();
        for (int i = 0; i < 10; i++)
        {
            ids.Add((await harness.Writer.WriteAsync(MultiWriteHarness.Record("k" + i))).WriteId);
            harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        }

        harness.MySql.Delete(ids[2]);
        harness.Mongo.Tamper(ids[5], """{"amount":1000000}""");
        Guid orphan = Guid.CreateVersion7(start.AddMilliseconds(4));
        harness.Spanner.InsertOrphan(new TargetRecord(orphan, "transactions", "ghost", "{}", RecordHash.Compute("transactions", "ghost", "{}"), start));

        ReconciliationReport report = await harness.Reconciler.ReconcileAsync(WriteIds.MinAt(start), WriteIds.MaxAt(harness.Time.GetUtcNow()), new ReconciliationOptions { PageSize = 4 });

        Assert.Equal(10, report.IntentsScanned);
        Assert.Equal(new TargetDrift(1, 0, 0, 0, 0, 1), report.Targets["mysql"]);
        Assert.Equal(new TargetDrift(0, 0, 0, 1, 0, 0), report.Targets["mongodb"]);
        Assert.Equal(new TargetDrift(0, 0, 1, 0, 0, 0), report.Targets["spanner"]);
        Assert.True(harness.MySql.Rows.ContainsKey(ids[2]));
        Assert.Contains(report.Issues, i => i.Kind == DriftKind.Orphan && i.WriteId == orphan);
        Assert.False(report.InSync);
    }

    [Fact]
    public async Task ReconcileAsync_LedgerBehind_MarksLegSucceeded()
    {
        using var harness = new MultiWriteHarness();
        DateTimeOffset start = harness.Time.GetUtcNow();
        harness.Spanner.Fault = new InvalidOperationException("down");
        MultiWriteResult result = await harness.Writer.WriteAsync(MultiWriteHarness.Record());
        harness.Spanner.Fault = null;
        WriteIntent intent = (await harness.Ledger.GetAsync(result.WriteId, default))!;
        await harness.Spanner.WriteAsync(new TargetRecord(intent.WriteId, intent.RecordType, intent.Key, intent.PayloadJson, intent.PayloadHash, intent.CreatedAt), default);
        harness.Time.Advance(TimeSpan.FromMinutes(5));

        ReconciliationReport report = await harness.Reconciler.ReconcileAsync(WriteIds.MinAt(start), WriteIds.MaxAt(harness.Time.GetUtcNow()));

        Assert.Equal(1, report.Targets["spanner"].LedgerBehind);
        Assert.Equal(IntentStatus.Completed, (await harness.Ledger.GetAsync(result.WriteId, default))!.Status);
    }

    [Fact]
    public async Task ReconcileAsync_CompensatedWriteWithLiveRow_TombstonesIt()
    {
        using var harness = new MultiWriteHarness();
        DateTimeOffset start = harness.Time.GetUtcNow();
        MultiWriteResult result = await harness.Writer.WriteAsync(MultiWriteHarness.Record());
        await harness.Ledger.MarkCompensatingAsync(result.WriteId, "test", start, default);

        ReconciliationReport report = await harness.Reconciler.ReconcileAsync(WriteIds.MinAt(start), WriteIds.MaxAt(harness.Time.GetUtcNow()));

        Assert.All(["mysql", "mongodb", "spanner"], name => Assert.Equal(1, report.Targets[name].Stale));
        Assert.All(harness.Targets, t => Assert.True(t.Rows[result.WriteId].Tombstoned));
        Assert.Equal(IntentStatus.Compensated, (await harness.Ledger.GetAsync(result.WriteId, default))!.Status);
    }

    [Fact]
    public async Task ReconcileAsync_RepairDisabled_OnlyReports()
    {
        using var harness = new MultiWriteHarness();
        DateTimeOffset start = harness.Time.GetUtcNow();
        MultiWriteResult result = await harness.Writer.WriteAsync(MultiWriteHarness.Record());
        harness.MySql.Delete(result.WriteId);

        ReconciliationReport report = await harness.Reconciler.ReconcileAsync(WriteIds.MinAt(start), WriteIds.MaxAt(harness.Time.GetUtcNow()), new ReconciliationOptions { Repair = false });

        Assert.Equal(new TargetDrift(1, 0, 0, 0, 0, 0), report.Targets["mysql"]);
        Assert.False(harness.MySql.Rows.ContainsKey(result.WriteId));
    }
}
