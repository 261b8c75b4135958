using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tx.EventStore.Appending;
using Tx.EventStore.ComplianceTests.Events;
using Tx.EventStore.Reading;
using Tx.EventStore.Replay;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Tests.Replay;

/// <summary>The guide's "Replaying Events", "Event Replay" (new logic on old history) and "Snapshots" sections.</summary>
public sealed class EventStoreReplayExtensionsTests
{
    private static readonly DateTimeOffset Start = new(2025, 11, 14, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public async Task ReplayStreamAsync_GuideHistory_ReconstructsTheTransaction()
    {
        var store = await CreateGuideHistoryAsync();

        var result = await store.ReplayStreamAsync("txn_123", TransactionView.Empty, OriginalLogic);

        Assert.Equal(new TransactionView("txn_123", 100m, "COMPLETED", Start, Start.AddSeconds(20)), result.State);
        Assert.Equal(5, result.Version);
        Assert.Equal(5, result.EventCount);
    }

    [Fact]
    public async Task ReplayStreamAsync_NewLogicOnOldHistory_GivesTheCorrectedAmount()
    {
        var store = await CreateGuideHistoryAsync();
        var before = await store.ReplayStreamAsync("txn_123", TransactionView.Empty, OriginalLogic);

        // The guide's bug fix: amounts should carry a 10 % uplift. History is unchanged; only the fold is new.
        var after = await store.ReplayStreamAsync("txn_123", TransactionView.Empty, (state, e) => e.Data switch
        {
            TransactionCreated created => state with { Id = created.TransactionId, Amount = created.Amount * 1.1m, Status = "PENDING" },
            TransactionCompleted => state with { Status = "COMPLETED" },
            _ => state,
        });

        Assert.Equal(100m, before.State.Amount);
        Assert.Equal(110m, after.State.Amount);
        Assert.Equal("COMPLETED", after.State.Status);
        Assert.Equal(5, (await store.GetStreamInfoAsync("txn_123")).Version);
    }

    [Fact]
    public async Task ReplayAllAsync_FromPositionZero_RebuildsAProjectionOverEveryStream()
    {
        var store = await CreateGuideHistoryAsync();
        await store.AppendAsync("txn_456", ExpectedVersion.NoStream, [new EventData(new TransactionCreated("txn_456", 250m, "USD"))]);

        var totals = await store.ReplayAllAsync(
            new Dictionary<string, decimal>(),
            (sums, e) =>
            {
                if (e.Data is TransactionCreated created)
                {
                    sums[created.TransactionId] = created.Amount;
                }

                return sums;
            },
            filter: r => r.EventType == "TransactionCreated",
            pageSize: 2);

        Assert.Equal(new Dictionary<string, decimal> { ["txn_123"] = 100m, ["txn_456"] = 250m }, totals.State);
        Assert.Equal(6, totals.Version);
        Assert.Equal(2, totals.EventCount);
    }

    [Fact]
    public async Task ReplayStreamAsync_FromSnapshot_FoldsOnlyTheTailAndMatchesAFullReplay()
    {
        var store = CreateStore();
        await store.AppendAsync("txn_long", ExpectedVersion.NoStream, [new EventData(new TransactionCreated("txn_long", 100m, "USD"))]);
        for (int i = 0; i < 99; i++)
        {
            var batch = Enumerable.Range(0, 100).Select(_ => new EventData(new AccountDebited("txn_long", "acc_1", 1m))).ToArray();
            await store.AppendAsync("txn_long", ExpectedVersion.Any, batch);
        }

        var full = await store.ReplayStreamAsync("txn_long", 0m, SumDebits);
        var atVersion7500 = await store.ReplayStreamAsync("txn_long", 0m, (sum, e) => e.StreamVersion <= 7500 ? SumDebits(sum, e) : sum);
        await store.SaveSnapshotAsync("txn_long", 7500, atVersion7500.State);

        var fromSnapshot = await store.ReplayStreamAsync("txn_long", 0m, SumDebits, fromSnapshot: true);

        Assert.Equal(9901, full.Version);
        Assert.Equal(full.State, fromSnapshot.State);
        Assert.Equal(9901, fromSnapshot.Version);
        Assert.Equal(9901 - 7500, fromSnapshot.EventCount);
    }

    private static decimal SumDebits(decimal sum, ResolvedEvent e) => e.Data is AccountDebited d ? sum + d.Amount : sum;

    private static TransactionView OriginalLogic(TransactionView state, ResolvedEvent e) => e.Data switch
    {
        TransactionCreated created => new TransactionView(created.TransactionId, created.Amount, "PENDING", e.Timestamp, null),
        TransactionCompleted => state with { Status = "COMPLETED", CompletedAt = e.Timestamp },
        _ => state,
    };

    private IEventStore CreateStore()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddTxEventStore(TestEventTypes.Register);
        return services.BuildServiceProvider().GetRequiredService<IEventStore>();
    }

    private async Task<IEventStore> CreateGuideHistoryAsync()
    {
        var store = CreateStore();
        object[] history =
        [
            new TransactionCreated("txn_123", 100m, "USD"),
            new RiskAssessmentPassed("txn_123", 0.2),
            new AccountDebited("txn_123", "acc_1", 100m),
            new AccountCredited("txn_123", "acc_2", 100m),
            new TransactionCompleted("txn_123", "s_1"),
        ];
        long version = 0;
        foreach (object e in history)
        {
            version = (await store.AppendAsync("txn_123", ExpectedVersion.Exact(version), [new EventData(e)])).StreamVersion;
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        return store;
    }
}
