using Microsoft.Extensions.DependencyInjection;
using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Publishing;
using Tx.MultiWrite.Writing;
using Tx.TestUtilities;

namespace Tx.MultiWrite.Tests.Writing;

public sealed class MultiWriterTests
{
    [Fact]
    public async Task WriteAsync_AllLegsHealthy_CompletedAndEveryTargetHoldsTheRecordOnce()
    {
        using var harness = new MultiWriteHarness();

        MultiWriteResult result = await harness.Writer.WriteAsync(MultiWriteHarness.Record());

        Assert.Equal(IntentStatus.Completed, result.Status);
        Assert.Equal(["mongodb", "mysql", "spanner"], result.Succeeded.Select(s => s.Database).Order());
        Assert.Empty(result.Failed);
        Assert.Equal(7, (int)result.WriteId.Version);
        Assert.Equal(harness.Time.GetUtcNow(), result.Timestamp);
        Assert.All(harness.Targets, t => Assert.True(t.Rows.ContainsKey(result.WriteId)));
        Assert.Equal(IntentStatus.Completed, (await harness.Ledger.GetAsync(result.WriteId, default))!.Status);
    }

    [Fact]
    public async Task WriteAsync_Legs_RunInParallel()
    {
        using var harness = new MultiWriteHarness();
        var release = new TaskCompletionSource();
        foreach (var target in harness.Targets)
        {
            target.Gate = release.Task;
        }

        Task<MultiWriteResult> write = harness.Writer.WriteAsync(MultiWriteHarness.Record());

        // Every leg has started while none has finished: they do not run one after another.
        await Eventually.WaitAsync(() => harness.Targets.All(t => t.Started == 1), TimeSpan.FromSeconds(5));
        Assert.False(write.IsCompleted);
        release.SetResult();
        Assert.Equal(3, (await write).Succeeded.Count);
    }

    [Fact]
    public async Task WriteAsync_IntentIsDurableBeforeAnyLegRuns()
    {
        using var harness = new MultiWriteHarness();
        var release = new TaskCompletionSource();
        harness.MySql.Gate = release.Task;
        Guid writeId = Guid.CreateVersion7();

        Task<MultiWriteResult> write = harness.Writer.WriteAsync(MultiWriteHarness.Record(writeId: writeId));
        await Eventually.WaitAsync(() => harness.MySql.Started == 1, TimeSpan.FromSeconds(5));

        WriteIntent? intent = await harness.Ledger.GetAsync(writeId, default);
        Assert.NotNull(intent);
        Assert.Equal(IntentStatus.Pending, intent.Status);
        release.SetResult();
        await write;
    }

    [Fact]
    public async Task WriteAsync_OneLegFails_LegPendingOthersSucceededAndFailurePublished()
    {
        using var harness = new MultiWriteHarness();
        harness.Spanner.Fault = new InvalidOperationException("spanner down");

        MultiWriteResult result = await harness.Writer.WriteAsync(MultiWriteHarness.Record());

        Assert.Equal(IntentStatus.Pending, result.Status);
        LegFailure failure = Assert.Single(result.Failed);
        Assert.Equal("spanner", failure.Database);
        Assert.Equal(LegState.Pending, failure.State);
        Assert.Contains("spanner down", failure.Error, StringComparison.Ordinal);
        FailedWriteEvent published = Assert.Single(harness.Publisher.FailedWrites);
        Assert.Equal(result.WriteId, published.WriteId);
        Assert.Equal("spanner", published.Database);
        Assert.Equal(1, published.Attempts);
        LegEntry leg = (await harness.Ledger.GetAsync(result.WriteId, default))!.Legs.Single(l => l.Target == "spanner");
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromSeconds(1), leg.NextAttemptAt);
    }

    [Fact]
    public async Task WriteAsync_LegTimesOutAfterApplying_UnknownIsRetriedWithoutDuplicate()
    {
        using var harness = new MultiWriteHarness(leg: o => o.Timeout = TimeSpan.FromSeconds(2));
        harness.Spanner.ApplyBeforeWaiting = true;
        harness.Spanner.Latency = TimeSpan.FromSeconds(10);

        Task<MultiWriteResult> write = harness.Writer.WriteAsync(MultiWriteHarness.Record());
        await Eventually.WaitAsync(() => harness.Spanner.Started == 1, TimeSpan.FromSeconds(5));
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        MultiWriteResult result = await write;

        LegFailure unknown = Assert.Single(result.Failed);
        Assert.Equal(LegState.Pending, unknown.State);
        Assert.Contains("Timeout", unknown.Error, StringComparison.Ordinal);
        harness.Spanner.Latency = TimeSpan.Zero;
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.Worker.DrainAsync(10, default);
        Assert.Equal(IntentStatus.Completed, (await harness.Ledger.GetAsync(result.WriteId, default))!.Status);
        Assert.Single(harness.Spanner.Rows);
        Assert.Equal(2, harness.Spanner.WriteCalls);
    }

    [Fact]
    public async Task WriteAsync_SameWriteIdAndPayloadAgain_ReturnsStoredOutcomeWithoutWritingAgain()
    {
        using var harness = new MultiWriteHarness();
        MultiWriteRecord record = MultiWriteHarness.Record(writeId: Guid.CreateVersion7());
        MultiWriteResult first = await harness.Writer.WriteAsync(record);

        MultiWriteResult[] again = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => harness.Writer.WriteAsync(record with { })));

        Assert.False(first.Replayed);
        Assert.All(again, r =>
        {
            Assert.True(r.Replayed);
            Assert.Equal(first.WriteId, r.WriteId);
            Assert.Equal(IntentStatus.Completed, r.Status);
            Assert.Equal(3, r.Succeeded.Count);
        });
        Assert.All(harness.Targets, t => Assert.Equal(1, t.WriteCalls));
    }

    [Fact]
    public async Task WriteAsync_SameWriteIdOtherPayload_ThrowsAndWritesNothing()
    {
        using var harness = new MultiWriteHarness();
        Guid writeId = Guid.CreateVersion7();
        await harness.Writer.WriteAsync(MultiWriteHarness.Record(amount: 10m, writeId: writeId));

        var error = await Assert.ThrowsAsync<WriteIdConflictException>(() => harness.Writer.WriteAsync(MultiWriteHarness.Record(amount: 99m, writeId: writeId)));

        Assert.Equal(writeId, error.WriteId);
        Assert.All(harness.Targets, t => Assert.Equal(1, t.WriteCalls));
        Assert.Contains("10", harness.MySql.Rows[writeId].Record.PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_NoWriteId_CreatesTimeOrderedIds()
    {
        using var harness = new MultiWriteHarness();

        MultiWriteResult first = await harness.Writer.WriteAsync(MultiWriteHarness.Record("a"));
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        MultiWriteResult second = await harness.Writer.WriteAsync(MultiWriteHarness.Record("b"));

        Assert.True(string.CompareOrdinal(first.WriteId.ToString(), second.WriteId.ToString()) < 0);
        Assert.Equal(harness.Time.GetUtcNow().AddMilliseconds(-1), WriteIds.GetTimestamp(first.WriteId));
    }

    [Fact]
    public async Task WriteAsync_OpenBreaker_LegRejectedWithoutCallingTheTargetOrBurningAnAttempt()
    {
        using var harness = new MultiWriteHarness(leg: o => o.MinimumThroughput = 2);
        harness.Spanner.Fault = new InvalidOperationException("down");
        await harness.Writer.WriteAsync(MultiWriteHarness.Record("a"));
        await harness.Writer.WriteAsync(MultiWriteHarness.Record("b"));
        int calls = harness.Spanner.WriteCalls;

        MultiWriteResult result = await harness.Writer.WriteAsync(MultiWriteHarness.Record("c"));

        Assert.Equal(calls, harness.Spanner.WriteCalls);
        LegFailure rejected = Assert.Single(result.Failed);
        Assert.Contains("OPEN", rejected.Error, StringComparison.Ordinal);
        LegEntry leg = (await harness.Ledger.GetAsync(result.WriteId, default))!.Legs.Single(l => l.Target == "spanner");
        Assert.Equal(0, leg.Attempts);
        Assert.Equal(LegState.Pending, leg.State);
    }

    [Theory]
    [InlineData("", "k")]
    [InlineData("transactions", "")]
    [InlineData("transactions", " ")]
    public async Task WriteAsync_MissingKeyFields_RejectedBeforeTheIntent(string type, string key)
    {
        using var harness = new MultiWriteHarness();

        await Assert.ThrowsAsync<RecordValidationException>(() => harness.Writer.WriteAsync(new MultiWriteRecord(type, key, new { amount = 1 })));

        Assert.Equal(new LedgerCounts(0, 0, 0), await harness.Ledger.CountAsync(default));
        Assert.Empty(await harness.Ledger.ScanAsync(WriteIds.MinAt(DateTimeOffset.UnixEpoch), WriteIds.MaxAt(DateTimeOffset.MaxValue), 10, default));
        Assert.All(harness.Targets, t => Assert.Equal(0, t.WriteCalls));
    }

    [Fact]
    public async Task WriteAsync_DeferredOutcome_ReturnsBeforeTheLedgerHasItAndRecordsItAfterwards()
    {
        var ledger = new OutcomeGateLedger();
        using var harness = new MultiWriteHarness(Defer, ledger: ledger);

        MultiWriteResult result;
        try
        {
            result = await harness.Writer.WriteAsync(MultiWriteHarness.Record());

            Assert.Equal(IntentStatus.Completed, result.Status);
            Assert.Equal(1, ledger.UpdatesWaiting);
            Assert.Equal(IntentStatus.Pending, (await ledger.GetAsync(result.WriteId, default))!.Status);
        }
        finally
        {
            ledger.Gate.TrySetResult();
        }

        await Eventually.WaitAsync(async () => (await ledger.GetAsync(result.WriteId, default))!.Status == IntentStatus.Completed, TimeSpan.FromSeconds(5));
        await Eventually.WaitAsync(() => ((MultiWriter)harness.Writer).UnrecordedCount == 0, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WriteAsync_ReuseBeforeTheDeferredOutcomeIsRecorded_ReturnsTheOutcomeNotPendingLegs()
    {
        var ledger = new OutcomeGateLedger();
        using var harness = new MultiWriteHarness(Defer, ledger: ledger);
        try
        {
            Guid writeId = Guid.CreateVersion7();
            await harness.Writer.WriteAsync(MultiWriteHarness.Record(writeId: writeId));

            MultiWriteResult replay = await harness.Writer.WriteAsync(MultiWriteHarness.Record(writeId: writeId));

            Assert.Equal(IntentStatus.Pending, (await ledger.GetAsync(writeId, default))!.Status);
            Assert.True(replay.Replayed);
            Assert.Equal(IntentStatus.Completed, replay.Status);
            Assert.Equal(3, replay.Succeeded.Count);
            Assert.Empty(replay.Failed);
            Assert.All(harness.Targets, t => Assert.Equal(1, t.WriteCalls));
        }
        finally
        {
            ledger.Gate.TrySetResult();
        }
    }

    [Fact]
    public async Task WriteAsync_ReuseWithAnotherPayloadBeforeTheDeferredOutcomeIsRecorded_Rejected()
    {
        var ledger = new OutcomeGateLedger();
        using var harness = new MultiWriteHarness(Defer, ledger: ledger);
        try
        {
            Guid writeId = Guid.CreateVersion7();
            await harness.Writer.WriteAsync(MultiWriteHarness.Record(writeId: writeId));

            await Assert.ThrowsAsync<WriteIdConflictException>(() => harness.Writer.WriteAsync(MultiWriteHarness.Record(amount: 99m, writeId: writeId)));

            Assert.All(harness.Targets, t => Assert.Equal(10m, JsonDocumentAmount(t.Rows[writeId].Record.PayloadJson)));
        }
        finally
        {
            ledger.Gate.TrySetResult();
        }
    }

    [Fact]
    public async Task WriteAsync_DeferredOutcomeNeverRecorded_WorkerReRunsTheLegsAfterTheLeaseWithoutDuplicates()
    {
        var ledger = new OutcomeGateLedger { Fault = new InvalidOperationException("ledger lost") };
        using var harness = new MultiWriteHarness(Defer, ledger: ledger);
        MultiWriteResult result = await harness.Writer.WriteAsync(MultiWriteHarness.Record());
        ledger.Gate.SetResult();
        await Eventually.WaitAsync(() => ((MultiWriter)harness.Writer).UnrecordedCount == 0, TimeSpan.FromSeconds(5));
        Assert.Equal(IntentStatus.Pending, (await ledger.GetAsync(result.WriteId, default))!.Status);
        ledger.Fault = null;

        harness.Time.Advance(TimeSpan.FromSeconds(29));
        int early = await harness.Worker.ProcessDueAsync(default);
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        int late = await harness.Worker.ProcessDueAsync(default);

        Assert.Equal(0, early);
        Assert.Equal(3, late);
        Assert.Equal(IntentStatus.Completed, (await ledger.GetAsync(result.WriteId, default))!.Status);
        Assert.All(harness.Targets, t => Assert.Single(t.Rows));
    }

    [Fact]
    public async Task WriteAsync_DeferOutcomeRecordingOff_OutcomeIsInTheLedgerWhenTheCallReturns()
    {
        var ledger = new OutcomeGateLedger();
        using var harness = new MultiWriteHarness(b => b.Services.Configure<MultiWriteOptions>(o => o.DeferOutcomeRecording = false), ledger: ledger);

        Task<MultiWriteResult> write = harness.Writer.WriteAsync(MultiWriteHarness.Record());
        await Eventually.WaitAsync(() => ledger.UpdatesWaiting == 1, TimeSpan.FromSeconds(5));

        Assert.False(write.IsCompleted);
        ledger.Gate.SetResult();
        MultiWriteResult result = await write;
        Assert.Equal(IntentStatus.Completed, (await ledger.GetAsync(result.WriteId, default))!.Status);
    }

    [Fact]
    public async Task WriteAsync_LegFailedWithDeferralOn_OutcomeIsInTheLedgerWhenTheCallReturns()
    {
        var ledger = new OutcomeGateLedger();
        using var harness = new MultiWriteHarness(Defer, ledger: ledger);
        harness.Spanner.Fault = new InvalidOperationException("spanner down");

        Task<MultiWriteResult> write = harness.Writer.WriteAsync(MultiWriteHarness.Record());
        await Eventually.WaitAsync(() => ledger.UpdatesWaiting == 1, TimeSpan.FromSeconds(5));

        Assert.False(write.IsCompleted);
        ledger.Gate.SetResult();
        MultiWriteResult result = await write;
        Assert.Equal(1, (await ledger.GetAsync(result.WriteId, default))!.Legs.Single(l => l.Target == "spanner").Attempts);
    }

    /// <summary>The default, stated explicitly so that the tests keep covering deferral if the default changes.</summary>
    private static void Defer(ITxMultiWriteBuilder builder) => builder.Services.Configure<MultiWriteOptions>(o => o.DeferOutcomeRecording = true);

    private static decimal JsonDocumentAmount(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty("amount").GetDecimal();
    }
}
