using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Tx.MultiWrite.Compensation;
using Tx.MultiWrite.Integration.Tests.Stores;
using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Publishing;
using Tx.MultiWrite.Reconciliation;
using Tx.MultiWrite.MySql.Targets;
using Tx.MultiWrite.Spanner.Targets;
using Tx.MultiWrite.Targets;
using Tx.MultiWrite.Statistics;
using Tx.MultiWrite.Writing;
using Xunit.Abstractions;

namespace Tx.MultiWrite.Integration.Tests.Faults;

/// <summary>Fault cases against the real MariaDB, PostgreSQL (Spanner-PG stand-in) and SQLite, through TCP fault proxies.</summary>
[Trait("Category", "Integration")]
[Collection(FaultsCollection.Name)]
public sealed class FaultScenarioTests(ITestOutputHelper output)
{
    private static readonly int s_batch = int.TryParse(Environment.GetEnvironmentVariable("TX_MULTIWRITE_FAULT_WRITES"), out int n) ? n : 1_000;

    [Fact]
    public async Task OneLegDownDuringABatch_ThenBack_EveryRecordInEveryStoreExactlyOnce()
    {
        await using ThreeStores stores = await ThreeStores.CreateAsync();
        await using ServiceProvider host = stores.BuildHost(TimeProvider.System, leg: o =>
        {
            o.Timeout = TimeSpan.FromSeconds(5);
            o.BreakDuration = TimeSpan.FromMilliseconds(500);
        });
        IMultiWriter writer = host.GetRequiredService<IMultiWriter>();
        var acknowledged = new ConcurrentBag<Guid>();
        int done = 0, pendingAfterFirstAttempt = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, s_batch), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            MultiWriteResult result = await writer.WriteAsync(new MultiWriteRecord("transactions", $"tx-{i:D6}", new { id = i, amount = i * 1.25m, currency = "EUR" }), ct);
            acknowledged.Add(result.WriteId);
            if (result.Status != IntentStatus.Completed)
            {
                Interlocked.Increment(ref pendingAfterFirstAttempt);
            }

            int count = Interlocked.Increment(ref done);
            if (count == s_batch / 10)
            {
                stores.PostgresProxy.Cut();
            }
            else if (count == s_batch * 6 / 10)
            {
                stores.PostgresProxy.Restore();
            }
        });
        long spannerBeforeRecovery = (await stores.CountAsync("spanner")).Rows;
        RetryQueueStatistics queue = await Recovery.RunAsync(stores);

        Assert.Equal(s_batch, acknowledged.Distinct().Count());
        Assert.True(pendingAfterFirstAttempt > 0, "the leg was down for part of the batch");
        Assert.Equal(0, queue.Depth);
        Assert.Equal(0, queue.DeadLetters);
        foreach (string leg in ThreeStores.Legs)
        {
            StoreCounts counts = await stores.CountAsync(leg);
            output.WriteLine($"{leg}: rows {counts.Rows}, distinct keys {counts.DistinctKeys}, duplicates {counts.Duplicates}, audit rows {counts.SuccessAudits}");
            Assert.Equal(s_batch, counts.Rows);
            Assert.Equal(0, counts.Duplicates);
            Assert.Equal(s_batch, counts.SuccessAudits);
            Assert.Equal(s_batch, await stores.CountIdsAsync(leg, [.. acknowledged]));
        }

        output.WriteLine($"writes {s_batch}; pending after the first attempt {pendingAfterFirstAttempt}; spanner rows before recovery {spannerBeforeRecovery}");
    }

    /// <summary>
    /// Also the regression for issue 7's stall defect: timed-out MySQL attempts used to block thread-pool threads
    /// (the leg awaited the client's synchronous KILL QUERY cancellation, and the target disposed its transaction
    /// synchronously, i.e. a blocking ROLLBACK over the stalled socket), starving the process until the ledger's
    /// connection opens to the healthy server timed out. See <c>LegTests</c> for the deterministic unit regression.
    /// </summary>
    [Fact]
    public async Task LegStallsPastItsTimeout_OutcomeUnknown_RetriedNotDuplicated()
    {
        const int Writes = 40;
        await using ThreeStores stores = await ThreeStores.CreateAsync();
        await using ServiceProvider host = stores.BuildHost(TimeProvider.System, leg: o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(300);
            o.MinimumThroughput = 1_000;
        });
        IMultiWriter writer = host.GetRequiredService<IMultiWriter>();
        await writer.WriteAsync(new MultiWriteRecord("transactions", "warm-up", new { amount = 0 }));
        stores.MySqlProxy.Stall();
        long stalledAt = TimeProvider.System.GetTimestamp();

        MultiWriteResult[] results = await Task.WhenAll(Enumerable.Range(0, Writes).Select(i =>
            writer.WriteAsync(new MultiWriteRecord("transactions", $"stall-{i}", new { amount = i }))));
        TimeSpan stalledFor = TimeProvider.System.GetElapsedTime(stalledAt);
        stores.MySqlProxy.Restore();
        long restoredAt = TimeProvider.System.GetTimestamp();
        long appliedBeforeRetry = await stores.CountIdsAsync("mysql", [.. results.Select(r => r.WriteId)]);
        RetryQueueStatistics queue = await Recovery.RunAsync(stores);
        TimeSpan recoveredIn = TimeProvider.System.GetElapsedTime(restoredAt);

        Assert.All(results, r => Assert.Contains(r.Failed, f => f.Database == "mysql" && f.State == LegState.Pending && f.Error.Contains("Timeout", StringComparison.Ordinal)));
        Assert.Equal(0, queue.Depth);
        StoreCounts mysql = await stores.CountAsync("mysql");
        Assert.Equal(Writes + 1, mysql.Rows);
        Assert.Equal(0, mysql.Duplicates);
        Assert.Equal(Writes + 1, mysql.SuccessAudits);
        Assert.Equal(Writes, await stores.CountIdsAsync("mysql", [.. results.Select(r => r.WriteId)]));
        output.WriteLine($"writes {Writes}; mysql leg timed out on all; applied by the timed-out attempt before the retry: {appliedBeforeRetry}; rows after retry {mysql.Rows - 1}; duplicates {mysql.Duplicates}; writes returned after {stalledFor.TotalSeconds:0.0} s; recovered {recoveredIn.TotalSeconds:0.0} s after the restore");
    }

    [Fact]
    public async Task DuplicateSubmissions_FromTwoWriters_OneRecordPerStore()
    {
        await using ThreeStores stores = await ThreeStores.CreateAsync();
        await using ServiceProvider first = stores.BuildHost(TimeProvider.System);
        await using ServiceProvider second = stores.BuildHost(TimeProvider.System);
        var record = new MultiWriteRecord("transactions", "dup-1", new { amount = 42 }) { WriteId = Guid.CreateVersion7() };

        MultiWriteResult[] results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? first : second).GetRequiredService<IMultiWriter>().WriteAsync(record)));
        await Recovery.RunAsync(stores);

        Assert.All(results, r => Assert.Equal(record.WriteId, r.WriteId));
        Assert.Equal(19, results.Count(r => r.Replayed));
        foreach (string leg in ThreeStores.Legs)
        {
            StoreCounts counts = await stores.CountAsync(leg);
            Assert.Equal(new StoreCounts(1, 1, 0, 1), counts);
        }
    }

    [Fact]
    public async Task WriteIdReusedWithAnotherPayload_Rejected_StoresKeepTheOriginal()
    {
        await using ThreeStores stores = await ThreeStores.CreateAsync();
        await using ServiceProvider host = stores.BuildHost(TimeProvider.System);
        IMultiWriter writer = host.GetRequiredService<IMultiWriter>();
        Guid writeId = Guid.CreateVersion7();
        await writer.WriteAsync(new MultiWriteRecord("transactions", "reuse", new { amount = 1 }) { WriteId = writeId });

        await Assert.ThrowsAsync<WriteIdConflictException>(() => writer.WriteAsync(new MultiWriteRecord("transactions", "reuse", new { amount = 1_000_000 }) { WriteId = writeId }));

        Assert.Equal(1, await stores.MySql.ScalarAsync("SELECT COUNT(*) FROM multiwrite_records WHERE payload LIKE '%\"amount\":1}%'"));
        Assert.Equal(0, await stores.Postgres.ScalarAsync("SELECT COUNT(*) FROM multiwrite_records WHERE payload LIKE '%1000000%'"));
        Assert.Equal(1, await stores.MySql.ScalarAsync("SELECT COUNT(*) FROM multiwrite_intents"));
    }

    [Fact]
    public async Task AllOrNothing_PermanentFailure_CompensatedAndALateRetryCannotResurrect()
    {
        await using ThreeStores stores = await ThreeStores.CreateAsync();
        Action<ITxMultiWriteBuilder> payments = b => b.ConfigureRecordType("payments", t => t.Policy = ConsistencyPolicy.AllOrNothing);
        await using ServiceProvider host = stores.BuildHost(TimeProvider.System, leg: o => o.MinimumThroughput = 1_000, retry: o => o.MaxAttempts = 1, configure: payments);
        IMultiWriter writer = host.GetRequiredService<IMultiWriter>();
        await writer.WriteAsync(new MultiWriteRecord("payments", "warm-up", new { amount = 0 }));
        stores.PostgresProxy.Cut();

        MultiWriteResult result = await writer.WriteAsync(new MultiWriteRecord("payments", "pay-1", new { amount = 99 }));
        stores.PostgresProxy.Restore();

        // A late retry of the spanner leg lands after the compensation decision but before its tombstone.
        WriteIntent intent = (await host.GetRequiredService<IWriteLedger>().GetAsync(result.WriteId, default))!;
        var record = new TargetRecord(intent.WriteId, intent.RecordType, intent.Key, intent.PayloadJson, intent.PayloadHash, intent.CreatedAt);
        var spanner = new SpannerWriteTarget("spanner", new SpannerTargetOptions { ConnectionString = stores.Postgres.ConnectionString });
        TargetWriteOutcome lateWrite = await spanner.WriteAsync(record, default);
        await Recovery.RunAsync(stores);
        var mysql = new MySqlWriteTarget("mysql", new MySqlTargetOptions { ConnectionString = stores.MySql.ConnectionString });
        TargetWriteOutcome lateAfter = await mysql.WriteAsync(record, default);
        TargetWriteOutcome lateSpannerAfter = await spanner.WriteAsync(record, default);

        Assert.Equal(IntentStatus.Compensating, result.Status);
        CompensationRequiredEvent compensation = Assert.Single(stores.Publisher.Compensations);
        Assert.Equal(MultiWriteTopics.CompensationRequired, compensation.EventType);
        Assert.Equal("spanner", compensation.FailedDatabase);
        Assert.Contains(stores.Publisher.FailedWrites, f => f.WriteId == result.WriteId && f.Database == "spanner" && f.State == LegState.DeadLettered);
        Assert.Equal(TargetWriteOutcome.Written, lateWrite);
        Assert.Equal(TargetWriteOutcome.Tombstoned, lateAfter);
        Assert.Equal(TargetWriteOutcome.Tombstoned, lateSpannerAfter);
        Assert.Equal(IntentStatus.Compensated, (await host.GetRequiredService<IWriteLedger>().GetAsync(result.WriteId, default))!.Status);
        foreach (string leg in ThreeStores.Legs)
        {
            StoreCounts counts = await stores.CountAsync(leg);
            Assert.Equal(2, counts.Rows);
            Assert.Equal(1, counts.Tombstones);
        }

        spanner.Dispose();
        mysql.Dispose();
    }

    [Fact]
    public async Task Reconciliation_RowDeletedBehindTheWritersBack_Repaired_DriftReported()
    {
        await using ThreeStores stores = await ThreeStores.CreateAsync();
        await using ServiceProvider host = stores.BuildHost(TimeProvider.System);
        IMultiWriter writer = host.GetRequiredService<IMultiWriter>();
        DateTimeOffset start = DateTimeOffset.UtcNow.AddSeconds(-1);
        var ids = new List<Guid>();
        for (int i = 0; i < 30; i++)
        {
            ids.Add((await writer.WriteAsync(new MultiWriteRecord("transactions", $"rec-{i}", new { amount = i }))).WriteId);
        }

        await stores.MySql.ExecuteAsync($"DELETE FROM multiwrite_records WHERE write_id = '{ids[7]:D}'");
        await stores.Sqlite.ExecuteAsync($"UPDATE multiwrite_records SET payload = '{{\"amount\":-1}}' WHERE write_id = '{ids[12]:D}'");
        Guid orphan = Guid.CreateVersion7();
        await stores.Postgres.ExecuteAsync($"INSERT INTO multiwrite_records VALUES ('{orphan:D}', 'transactions', 'ghost', '{{}}', 'x', false, now())");

        ReconciliationReport report = await host.GetRequiredService<IMultiWriteReconciler>().ReconcileAsync(WriteIds.MinAt(start), WriteIds.MaxAt(DateTimeOffset.UtcNow.AddSeconds(1)), new ReconciliationOptions { PageSize = 8 });

        Assert.Equal(30, report.IntentsScanned);
        Assert.Equal(new TargetDrift(1, 0, 0, 0, 0, 1), report.Targets["mysql"]);
        Assert.Equal(new TargetDrift(0, 0, 0, 1, 0, 0), report.Targets["sqlite"]);
        Assert.Equal(new TargetDrift(0, 0, 1, 0, 0, 0), report.Targets["spanner"]);
        Assert.Equal(1, await stores.MySql.ScalarAsync($"SELECT COUNT(*) FROM multiwrite_records WHERE write_id = '{ids[7]:D}'"));
        Assert.Equal(30, (await stores.CountAsync("mysql")).Rows);
    }

    [Fact]
    public async Task BadInput_RejectedBeforeTheIntent_NothingWrittenAnywhere()
    {
        await using ThreeStores stores = await ThreeStores.CreateAsync();
        await using ServiceProvider host = stores.BuildHost(TimeProvider.System, configure: b =>
        {
            b.ConfigureRecordType("payments", t => t.RequiredFields.Add("accountId"));
            b.Services.Configure<MultiWriteOptions>(o => o.MaxPayloadBytes = 1024);
        });
        IMultiWriter writer = host.GetRequiredService<IMultiWriter>();
        var cyclic = new Dictionary<string, object>();
        cyclic["self"] = cyclic;

        MultiWriteRecord[] bad =
        [
            new("transactions", "cyclic", cyclic),
            new("transactions", "delegate", new { callback = (Action)(() => { }) }),
            new("transactions", "big", new { blob = new string('x', 2048) }),
            new("transactions", "", new { amount = 1 }),
            new("", "no-type", new { amount = 1 }),
            new("payments", "no-account", new { amount = 1 }),
        ];
        foreach (MultiWriteRecord record in bad)
        {
            await Assert.ThrowsAsync<RecordValidationException>(() => writer.WriteAsync(record));
        }

        MultiWriteStatistics statistics = await host.GetRequiredService<IMultiWriteStatistics>().GetStatisticsAsync();
        Assert.Equal(0, await stores.MySql.ScalarAsync("SELECT COUNT(*) FROM multiwrite_intents"));
        Assert.Equal(0, statistics.RetryQueue.Depth);
        foreach (string leg in ThreeStores.Legs)
        {
            Assert.Equal(0, (await stores.CountAsync(leg)).Rows);
        }
    }
}
