using Tx.MultiWrite.Compensation;
using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite.ComplianceTests;

/// <summary>
/// The ledger contract: an intent is created once per write id, leg updates are guarded by the expected state,
/// claims lease due legs exclusively until the lease expires, compensation marks every unfinished leg.
/// </summary>
public abstract class WriteLedgerComplianceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = new(2030, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private IWriteLedger? _ledger;

    protected IWriteLedger Ledger => _ledger ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        _ledger = await CreateLedgerAsync();
        await _ledger.EnsureCreatedAsync(CancellationToken.None);
        await _ledger.EnsureCreatedAsync(CancellationToken.None);
    }

    public virtual Task DisposeAsync()
    {
        (_ledger as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TryCreateAsync_NewIntent_CommitsItWithPendingLegs()
    {
        WriteIntent intent = NewIntent();

        WriteIntent? existing = await Ledger.TryCreateAsync(intent, "writer", s_now.AddSeconds(30), CancellationToken.None);

        Assert.Null(existing);
        WriteIntent stored = Assert.IsType<WriteIntent>(await Ledger.GetAsync(intent.WriteId, CancellationToken.None));
        Assert.Equal(intent.PayloadHash, stored.PayloadHash);
        Assert.Equal(intent.PayloadJson, stored.PayloadJson);
        Assert.Equal(ConsistencyPolicy.AllOrNothing, stored.Policy);
        Assert.Equal(["a", "b", "c"], stored.Legs.Select(l => l.Target).Order());
        Assert.All(stored.Legs, l => Assert.Equal(LegState.Pending, l.State));
        Assert.Equal(IntentStatus.Pending, stored.Status);
    }

    [Fact]
    public async Task TryCreateAsync_SameWriteIdAgain_ReturnsTheStoredIntent()
    {
        WriteIntent intent = NewIntent();
        await Ledger.TryCreateAsync(intent, "writer", s_now.AddSeconds(30), CancellationToken.None);

        WriteIntent? existing = await Ledger.TryCreateAsync(NewIntent(intent.WriteId, payload: """{"other":true}"""), "writer-2", s_now.AddSeconds(30), CancellationToken.None);

        Assert.NotNull(existing);
        Assert.Equal(intent.PayloadHash, existing.PayloadHash);
    }

    [Fact]
    public async Task ClaimDueAsync_LegsLeasedByTheWriter_AreNotClaimedUntilTheLeaseExpires()
    {
        WriteIntent intent = NewIntent();
        await Ledger.TryCreateAsync(intent, "writer", s_now.AddSeconds(30), CancellationToken.None);

        IReadOnlyList<LegClaim> early = await ClaimMineAsync("worker", s_now.AddSeconds(10), intent.WriteId);
        IReadOnlyList<LegClaim> late = await ClaimMineAsync("worker", s_now.AddSeconds(31), intent.WriteId);

        Assert.Empty(early);
        Assert.Equal(3, late.Count);
        Assert.All(late, c => Assert.Equal(intent.PayloadJson, c.Intent.PayloadJson));
    }

    [Fact]
    public async Task ClaimDueAsync_ClaimedLegs_AreExclusiveUntilTheClaimExpires()
    {
        WriteIntent intent = NewIntent();
        await Ledger.TryCreateAsync(intent, "writer", s_now, CancellationToken.None);

        IReadOnlyList<LegClaim> first = await ClaimMineAsync("worker-1", s_now.AddSeconds(1), intent.WriteId);
        IReadOnlyList<LegClaim> second = await ClaimMineAsync("worker-2", s_now.AddSeconds(2), intent.WriteId);
        IReadOnlyList<LegClaim> takeover = await ClaimMineAsync("worker-2", s_now.AddSeconds(62), intent.WriteId);

        Assert.Equal(3, first.Count);
        Assert.Empty(second);
        Assert.Equal(3, takeover.Count);
    }

    [Fact]
    public async Task UpdateLegsAsync_ExpectedStateMismatch_IsIgnored()
    {
        WriteIntent intent = NewIntent();
        await Ledger.TryCreateAsync(intent, "writer", s_now, CancellationToken.None);

        await Ledger.UpdateLegsAsync(intent.WriteId, [new LegUpdate("a", LegState.Pending, LegState.Succeeded, 1, s_now, null)], CancellationToken.None);
        await Ledger.UpdateLegsAsync(intent.WriteId, [new LegUpdate("a", LegState.Pending, LegState.Pending, 2, s_now.AddMinutes(1), "late and stale")], CancellationToken.None);

        WriteIntent stored = (await Ledger.GetAsync(intent.WriteId, CancellationToken.None))!;
        LegEntry a = stored.Legs.Single(l => l.Target == "a");
        Assert.Equal(LegState.Succeeded, a.State);
        Assert.Equal(1, a.Attempts);
        Assert.Null(a.LastError);
    }

    [Fact]
    public async Task UpdateLegsAsync_AllSucceeded_IntentCompletedAndNothingDue()
    {
        WriteIntent intent = NewIntent();
        await Ledger.TryCreateAsync(intent, "writer", s_now, CancellationToken.None);

        await Ledger.UpdateLegsAsync(intent.WriteId, [.. intent.Legs.Select(l => new LegUpdate(l.Target, LegState.Pending, LegState.Succeeded, 1, s_now, null))], CancellationToken.None);

        Assert.Equal(IntentStatus.Completed, (await Ledger.GetAsync(intent.WriteId, CancellationToken.None))!.Status);
        Assert.Empty(await ClaimMineAsync("worker", s_now.AddHours(1), intent.WriteId));
    }

    [Fact]
    public async Task UpdateLegsAsync_PendingWithLaterAttempt_BecomesDueThen()
    {
        WriteIntent intent = NewIntent();
        await Ledger.TryCreateAsync(intent, "writer", s_now, CancellationToken.None);

        await Ledger.UpdateLegsAsync(intent.WriteId, [new LegUpdate("b", LegState.Pending, LegState.Pending, 1, s_now.AddSeconds(5), "Timeout")], CancellationToken.None);

        IReadOnlyList<LegClaim> before = await ClaimMineAsync("worker", s_now.AddSeconds(4), intent.WriteId);
        Assert.DoesNotContain(before, c => c.Leg.Target == "b");
        IReadOnlyList<LegClaim> after = await ClaimMineAsync("worker-2", s_now.AddSeconds(5), intent.WriteId);
        LegClaim b = Assert.Single(after, c => c.Leg.Target == "b");
        Assert.Equal(1, b.Leg.Attempts);
        Assert.Equal("Timeout", b.Leg.LastError);
    }

    [Fact]
    public async Task MarkCompensatingAsync_MarksEveryUnfinishedLegAndTheIntent()
    {
        WriteIntent intent = NewIntent();
        await Ledger.TryCreateAsync(intent, "writer", s_now, CancellationToken.None);
        await Ledger.UpdateLegsAsync(intent.WriteId, [new LegUpdate("a", LegState.Pending, LegState.Succeeded, 1, s_now, null), new LegUpdate("b", LegState.Pending, LegState.DeadLettered, 3, s_now, "down")], CancellationToken.None);

        WriteIntent marked = (await Ledger.MarkCompensatingAsync(intent.WriteId, "compensator", s_now.AddSeconds(30), CancellationToken.None))!;

        Assert.True(marked.CompensationRequired);
        Assert.All(marked.Legs, l => Assert.Equal(LegState.Compensating, l.State));
        Assert.Equal(IntentStatus.Compensating, marked.Status);
        Assert.Equal(3, (await ClaimMineAsync("worker", s_now.AddSeconds(31), intent.WriteId)).Count);
    }

    [Fact]
    public async Task ScanAsync_Range_ReturnsIntentsInWriteIdOrderWithLimit()
    {
        DateTimeOffset start = s_now.AddDays(Random.Shared.Next(1, 10_000));
        WriteIntent[] intents = [.. Enumerable.Range(0, 4).Select(i => NewIntent(Guid.CreateVersion7(start.AddMilliseconds(i))))];
        foreach (WriteIntent intent in intents.Reverse())
        {
            await Ledger.TryCreateAsync(intent, "writer", s_now, CancellationToken.None);
        }

        IReadOnlyList<WriteIntent> page = await Ledger.ScanAsync(Writing.WriteIds.MinAt(start), Writing.WriteIds.MaxAt(start.AddMilliseconds(3)), 3, CancellationToken.None);

        Assert.Equal(intents.Take(3).Select(i => i.WriteId), page.Select(i => i.WriteId));
        Assert.All(page, i => Assert.Equal(3, i.Legs.Count));
    }

    [Fact]
    public async Task CountAsync_CountsPendingCompensatingAndDeadLetteredLegs()
    {
        LedgerCounts before = await Ledger.CountAsync(CancellationToken.None);
        WriteIntent intent = NewIntent();
        await Ledger.TryCreateAsync(intent, "writer", s_now, CancellationToken.None);
        await Ledger.UpdateLegsAsync(intent.WriteId, [new LegUpdate("a", LegState.Pending, LegState.DeadLettered, 3, s_now, "down")], CancellationToken.None);

        LedgerCounts after = await Ledger.CountAsync(CancellationToken.None);

        Assert.Equal(before.PendingLegs + 2, after.PendingLegs);
        Assert.Equal(before.DeadLetteredLegs + 1, after.DeadLetteredLegs);
    }

    /// <summary>Builds the ledger under test on fresh, isolated tables.</summary>
    protected abstract Task<IWriteLedger> CreateLedgerAsync();

    private async Task<IReadOnlyList<LegClaim>> ClaimMineAsync(string owner, DateTimeOffset now, Guid writeId)
    {
        IReadOnlyList<LegClaim> claims = await Ledger.ClaimDueAsync(owner, now, TimeSpan.FromSeconds(60), 1_000, CancellationToken.None);
        return [.. claims.Where(c => c.Intent.WriteId == writeId)];
    }

    private static WriteIntent NewIntent(Guid? writeId = null, string payload = """{"amount":5}""")
    {
        Guid id = writeId ?? Guid.CreateVersion7();
        return new WriteIntent(
            id,
            "payments",
            "k-" + id.ToString("N")[20..],
            payload,
            RecordHash.Compute("payments", "k", payload),
            ConsistencyPolicy.AllOrNothing,
            false,
            s_now,
            [new LegEntry("a", LegState.Pending, 0, s_now, null), new LegEntry("b", LegState.Pending, 0, s_now, null), new LegEntry("c", LegState.Pending, 0, s_now, null)]);
    }
}
