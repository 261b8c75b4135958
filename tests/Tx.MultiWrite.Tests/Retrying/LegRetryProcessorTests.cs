using Microsoft.Extensions.DependencyInjection;
using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Tests.Retrying;

public sealed class LegRetryProcessorTests
{
    [Fact]
    public async Task ProcessDueAsync_FailedLegBackUp_WritesItAndCompletesTheIntent()
    {
        using var harness = new MultiWriteHarness();
        harness.Mongo.Fault = new InvalidOperationException("down");
        MultiWriteResult result = await harness.Writer.WriteAsync(MultiWriteHarness.Record());
        harness.Mongo.Fault = null;

        int early = await harness.Worker.ProcessDueAsync(default);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        int due = await harness.Worker.ProcessDueAsync(default);

        Assert.Equal(0, early);
        Assert.Equal(1, due);
        Assert.True(harness.Mongo.Rows.ContainsKey(result.WriteId));
        Assert.Equal(IntentStatus.Completed, (await harness.Ledger.GetAsync(result.WriteId, default))!.Status);
    }

    [Fact]
    public async Task ProcessDueAsync_WriterCrashedMidWrite_AnotherWorkerTakesOverAfterTheLease()
    {
        using var harness = new MultiWriteHarness();
        var never = new TaskCompletionSource();
        harness.Spanner.Gate = never.Task;
        using var cts = new CancellationTokenSource();
        Task<MultiWriteResult> write = harness.Writer.WriteAsync(MultiWriteHarness.Record(), cts.Token);
        await TestUtilities.Eventually.WaitAsync(() => harness.Spanner.Started == 1, TimeSpan.FromSeconds(5));
        WriteIntent inFlight = (await harness.Ledger.ScanAsync(WriteIds.MinAt(DateTimeOffset.UnixEpoch), WriteIds.MaxAt(DateTimeOffset.MaxValue), 10, default)).Single();

        // The writer's lease (30 s) protects its first attempt: the worker does not run the leg twice meanwhile.
        harness.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await harness.Worker.ProcessDueAsync(default));
        harness.Spanner.Gate = null;
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        int claimed = await harness.Worker.ProcessDueAsync(default);

        Assert.True(claimed >= 1);
        Assert.True(harness.Spanner.Rows.ContainsKey(inFlight.WriteId));
        Assert.Equal(LegState.Succeeded, (await harness.Ledger.GetAsync(inFlight.WriteId, default))!.Legs.Single(l => l.Target == "spanner").State);
        await cts.CancelAsync();
        never.SetResult();
        await write;
    }

    [Fact]
    public async Task ProcessDueAsync_BreakerOpen_SkipsWithoutBurningAttempts()
    {
        using var harness = new MultiWriteHarness(leg: o =>
        {
            o.MinimumThroughput = 2;
            o.BreakDuration = TimeSpan.FromMinutes(5);
        });
        harness.Spanner.Fault = new InvalidOperationException("down");
        MultiWriteResult a = await harness.Writer.WriteAsync(MultiWriteHarness.Record("a"));
        await harness.Writer.WriteAsync(MultiWriteHarness.Record("b"));
        int calls = harness.Spanner.WriteCalls;

        harness.Time.Advance(TimeSpan.FromSeconds(2));
        int claimed = await harness.Worker.ProcessDueAsync(default);

        Assert.Equal(2, claimed);
        Assert.Equal(calls, harness.Spanner.WriteCalls);
        LegEntry leg = (await harness.Ledger.GetAsync(a.WriteId, default))!.Legs.Single(l => l.Target == "spanner");
        Assert.Equal(1, leg.Attempts);
        Assert.True(leg.NextAttemptAt >= harness.Time.GetUtcNow() + TimeSpan.FromMinutes(4));
    }

    [Fact]
    public async Task ProcessDueAsync_AttemptsExhausted_DeadLettersAndPublishes()
    {
        using var harness = new MultiWriteHarness(leg: o => o.MinimumThroughput = 1_000);
        harness.Spanner.Fault = new InvalidOperationException("down for good");
        MultiWriteResult result = await harness.Writer.WriteAsync(MultiWriteHarness.Record());

        for (int i = 0; i < 10; i++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(1));
            await harness.Worker.ProcessDueAsync(default);
        }

        WriteIntent intent = (await harness.Ledger.GetAsync(result.WriteId, default))!;
        LegEntry leg = intent.Legs.Single(l => l.Target == "spanner");
        Assert.Equal(LegState.DeadLettered, leg.State);
        Assert.Equal(5, leg.Attempts);
        Assert.Equal(IntentStatus.DeadLettered, intent.Status);
        Assert.Equal(5, harness.Spanner.WriteCalls);
        Assert.Equal(5, harness.Publisher.FailedWrites.Count);
        Assert.Equal(LegState.DeadLettered, harness.Publisher.FailedWrites.Last().State);
        Assert.Equal(1, (await harness.Ledger.CountAsync(default)).DeadLetteredLegs);
    }

    [Fact]
    public async Task ProcessDueAsync_WriteOlderThanMaxAge_DeadLettersOnNextFailure()
    {
        using var harness = new MultiWriteHarness(configure: b => b.ConfigureRetryWorker(o => o.MaxAge = TimeSpan.FromMinutes(10)), leg: o => o.MinimumThroughput = 1_000);
        harness.Spanner.Fault = new InvalidOperationException("down");
        MultiWriteResult result = await harness.Writer.WriteAsync(MultiWriteHarness.Record());

        harness.Time.Advance(TimeSpan.FromMinutes(11));
        await harness.Worker.ProcessDueAsync(default);

        LegEntry leg = (await harness.Ledger.GetAsync(result.WriteId, default))!.Legs.Single(l => l.Target == "spanner");
        Assert.Equal(LegState.DeadLettered, leg.State);
        Assert.Equal(2, leg.Attempts);
    }

    [Fact]
    public async Task ExecuteAsync_HostedWorker_FinishesPendingLegs()
    {
        using var harness = new MultiWriteHarness(configure: b => b.ConfigureRetryWorker(o => o.PollInterval = TimeSpan.FromMilliseconds(10)));
        harness.MySql.Fault = new InvalidOperationException("down");
        MultiWriteResult result = await harness.Writer.WriteAsync(MultiWriteHarness.Record());
        harness.MySql.Fault = null;
        var worker = harness.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Single();

        await worker.StartAsync(default);
        await TestUtilities.Eventually.WaitAsync(
            () =>
            {
                harness.Time.Advance(TimeSpan.FromMilliseconds(100));
                return harness.MySql.Rows.ContainsKey(result.WriteId);
            },
            TimeSpan.FromSeconds(10));
        await worker.StopAsync(default);

        Assert.Equal(IntentStatus.Completed, (await harness.Ledger.GetAsync(result.WriteId, default))!.Status);
    }
}
