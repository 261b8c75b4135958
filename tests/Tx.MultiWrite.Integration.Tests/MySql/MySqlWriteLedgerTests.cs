using MySqlConnector;
using Tx.MultiWrite.Compensation;
using Tx.MultiWrite.ComplianceTests;
using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Integration.Tests.Stores;
using Tx.MultiWrite.MySql.Ledger;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite.Integration.Tests.MySql;

/// <summary>
/// The ledger contract on MariaDB, plus its group commit: concurrent intents and outcome updates committed
/// together, all or nothing per batch. A batch is made deterministic by holding the ledger's table with
/// <c>LOCK TABLES … WRITE</c>: the first call's commit waits on the lock, and every call made meanwhile
/// forms the next batch.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MySqlWriteLedgerTests : WriteLedgerComplianceTests
{
    private static readonly DateTimeOffset s_now = new(2030, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private MariaDbDatabase? _database;

    private MySqlWriteLedger MySqlLedger => (MySqlWriteLedger)Ledger;

    [Fact]
    public async Task TryCreateAsync_ManyConcurrentWriters_AllCommittedInFewerTransactions()
    {
        WriteIntent[] intents = [.. Enumerable.Range(0, 64).Select(_ => NewIntent())];

        WriteIntent?[] results = await Task.WhenAll(intents.Select(i => Ledger.TryCreateAsync(i, "writer", s_now.AddSeconds(30), CancellationToken.None)));

        Assert.All(results, Assert.Null);
        foreach (WriteIntent intent in intents)
        {
            WriteIntent stored = Assert.IsType<WriteIntent>(await Ledger.GetAsync(intent.WriteId, CancellationToken.None));
            Assert.Equal(intent.PayloadHash, stored.PayloadHash);
            Assert.Equal(3, stored.Legs.Count);
        }

        (long batches, int largest) = MySqlLedger.CreateBatches!.Value;
        Assert.InRange(batches, 1, 63);
        Assert.True(largest > 1, $"largest batch {largest}");
    }

    [Fact]
    public async Task TryCreateAsync_BatchWithAnIntentTheDatabaseRejects_EveryMemberFailsAndNothingIsWritten()
    {
        WriteIntent first = NewIntent();
        WriteIntent good = NewIntent();
        WriteIntent rejected = NewIntent(recordType: new string('x', 150)); // record_type is VARCHAR(100): strict mode rejects it
        WriteIntent alsoGood = NewIntent();
        Task<WriteIntent?> firstCall;
        Task<WriteIntent?>[] batch;
        await using (await HoldTableAsync("multiwrite_intents"))
        {
            firstCall = Ledger.TryCreateAsync(first, "writer", s_now, CancellationToken.None);
            batch = [.. new[] { good, rejected, alsoGood }.Select(i => Ledger.TryCreateAsync(i, "writer", s_now, CancellationToken.None))];
        }

        Assert.Null(await firstCall);
        foreach (Task<WriteIntent?> member in batch)
        {
            MySqlException error = await Assert.ThrowsAsync<MySqlException>(() => member);
            Assert.Equal(MySqlErrorCode.DataTooLong, error.ErrorCode);
        }

        Assert.NotNull(await Ledger.GetAsync(first.WriteId, CancellationToken.None));
        Assert.Null(await Ledger.GetAsync(good.WriteId, CancellationToken.None));
        Assert.Null(await Ledger.GetAsync(alsoGood.WriteId, CancellationToken.None));
        Assert.Equal(0, await _database!.ScalarAsync($"SELECT COUNT(*) FROM multiwrite_legs WHERE write_id IN ('{good.WriteId}', '{rejected.WriteId}', '{alsoGood.WriteId}')"));
        Assert.Null(await Ledger.TryCreateAsync(good, "writer", s_now, CancellationToken.None));
    }

    [Fact]
    public async Task TryCreateAsync_SameWriteIdTwiceInOneBatch_CreatedOnceAndTheOtherGetsTheFirstIntent()
    {
        WriteIntent first = NewIntent();
        WriteIntent original = NewIntent();
        WriteIntent sameAgain = NewIntent(original.WriteId);
        WriteIntent otherPayload = NewIntent(original.WriteId, payload: """{"amount":999}""");
        Task<WriteIntent?> firstCall;
        Task<WriteIntent?>[] batch;
        await using (await HoldTableAsync("multiwrite_intents"))
        {
            firstCall = Ledger.TryCreateAsync(first, "writer", s_now, CancellationToken.None);
            batch = [.. new[] { original, sameAgain, otherPayload }.Select(i => Ledger.TryCreateAsync(i, "writer", s_now, CancellationToken.None))];
        }

        await firstCall;
        WriteIntent?[] results = await Task.WhenAll(batch);

        Assert.Null(results[0]);
        Assert.Equal(original.PayloadHash, Assert.IsType<WriteIntent>(results[1]).PayloadHash);
        Assert.Equal(original.PayloadHash, Assert.IsType<WriteIntent>(results[2]).PayloadHash);
        Assert.NotEqual(otherPayload.PayloadHash, results[2]!.PayloadHash);
        Assert.Equal(1, await _database!.ScalarAsync($"SELECT COUNT(*) FROM multiwrite_intents WHERE write_id = '{original.WriteId}'"));
        Assert.Equal(3, await _database.ScalarAsync($"SELECT COUNT(*) FROM multiwrite_legs WHERE write_id = '{original.WriteId}'"));
        Assert.Equal(2, MySqlLedger.CreateBatches!.Value.Batches);
    }

    [Fact]
    public async Task TryCreateAsync_WriteIdStoredBeforeTheBatch_ReturnsTheStoredIntent()
    {
        WriteIntent stored = NewIntent();
        await Ledger.TryCreateAsync(stored, "writer", s_now, CancellationToken.None);
        WriteIntent first = NewIntent();
        WriteIntent fresh = NewIntent();
        Task<WriteIntent?> firstCall;
        Task<WriteIntent?>[] batch;
        await using (await HoldTableAsync("multiwrite_intents"))
        {
            firstCall = Ledger.TryCreateAsync(first, "writer", s_now, CancellationToken.None);
            batch = [.. new[] { fresh, NewIntent(stored.WriteId, payload: """{"amount":7}"""), NewIntent(stored.WriteId, payload: """{"amount":8}""") }.Select(i => Ledger.TryCreateAsync(i, "writer-2", s_now, CancellationToken.None))];
        }

        await firstCall;
        WriteIntent?[] results = await Task.WhenAll(batch);

        Assert.Null(results[0]);
        Assert.Equal(stored.PayloadHash, Assert.IsType<WriteIntent>(results[1]).PayloadHash);
        Assert.Equal(stored.PayloadHash, Assert.IsType<WriteIntent>(results[2]).PayloadHash);
        Assert.NotNull(await Ledger.GetAsync(fresh.WriteId, CancellationToken.None));
    }

    [Fact]
    public async Task UpdateLegsAsync_ConcurrentOutcomesInOneBatch_EachAppliedAndEachGuardedByItsExpectedState()
    {
        WriteIntent[] intents = [.. Enumerable.Range(0, 12).Select(_ => NewIntent())];
        foreach (WriteIntent intent in intents)
        {
            await Ledger.TryCreateAsync(intent, "writer", s_now, CancellationToken.None);
        }

        WriteIntent held = NewIntent();
        await Ledger.TryCreateAsync(held, "writer", s_now, CancellationToken.None);
        Task firstCall;
        Task[] batch;
        await using (await HoldTableAsync("multiwrite_legs"))
        {
            firstCall = Ledger.UpdateLegsAsync(held.WriteId, [new LegUpdate("a", LegState.Pending, LegState.Succeeded, 1, s_now, null)], CancellationToken.None);
            batch =
            [
                .. intents.Select(i => Ledger.UpdateLegsAsync(i.WriteId, [.. i.Legs.Select(l => new LegUpdate(l.Target, LegState.Pending, LegState.Succeeded, 1, s_now, null))], CancellationToken.None)),

                // Stale: expects a state the leg is no longer in by the time it applies (the earlier batch moved it).
                Ledger.UpdateLegsAsync(held.WriteId, [new LegUpdate("a", LegState.Pending, LegState.Pending, 2, s_now.AddMinutes(1), "stale")], CancellationToken.None),
            ];
        }

        await firstCall;
        await Task.WhenAll(batch);

        foreach (WriteIntent intent in intents)
        {
            Assert.Equal(IntentStatus.Completed, (await Ledger.GetAsync(intent.WriteId, CancellationToken.None))!.Status);
        }

        LegEntry a = (await Ledger.GetAsync(held.WriteId, CancellationToken.None))!.Legs.Single(l => l.Target == "a");
        Assert.Equal(LegState.Succeeded, a.State);
        Assert.Null(a.LastError);
        Assert.Equal((2L, 13), MySqlLedger.UpdateBatches!.Value);
    }

    [Fact]
    public async Task UpdateLegsAsync_DifferentOutcomesInOneBatch_EachWriteGetsItsOwnValues()
    {
        WriteIntent[] intents = [.. Enumerable.Range(0, 6).Select(_ => NewIntent())];
        foreach (WriteIntent intent in intents)
        {
            await Ledger.TryCreateAsync(intent, "writer", s_now, CancellationToken.None);
        }

        WriteIntent held = NewIntent();
        await Ledger.TryCreateAsync(held, "writer", s_now, CancellationToken.None);
        Task firstCall;
        Task[] batch;
        await using (await HoldTableAsync("multiwrite_legs"))
        {
            firstCall = Ledger.UpdateLegsAsync(held.WriteId, [new LegUpdate("a", LegState.Pending, LegState.Succeeded, 1, s_now, null)], CancellationToken.None);

            // Even writes: a and b succeeded, c timed out (retry due i seconds later); odd writes: every leg failed.
            batch = [.. intents.Select((intent, i) => Ledger.UpdateLegsAsync(
                intent.WriteId,
                i % 2 == 0
                    ? [new LegUpdate("a", LegState.Pending, LegState.Succeeded, 1, s_now, null), new LegUpdate("b", LegState.Pending, LegState.Succeeded, 1, s_now, null), new LegUpdate("c", LegState.Pending, LegState.Pending, 1, s_now.AddSeconds(i), "Timeout")]
                    : [.. intent.Legs.Select(l => new LegUpdate(l.Target, LegState.Pending, LegState.Pending, 1, s_now.AddSeconds(100 + i), "down"))],
                CancellationToken.None))];
        }

        await firstCall;
        await Task.WhenAll(batch);

        for (int i = 0; i < intents.Length; i++)
        {
            IReadOnlyList<LegEntry> legs = (await Ledger.GetAsync(intents[i].WriteId, CancellationToken.None))!.Legs;
            if (i % 2 == 0)
            {
                Assert.Equal([LegState.Succeeded, LegState.Succeeded, LegState.Pending], legs.OrderBy(l => l.Target).Select(l => l.State));
                LegEntry c = legs.Single(l => l.Target == "c");
                Assert.Equal(s_now.AddSeconds(i), c.NextAttemptAt);
                Assert.Equal("Timeout", c.LastError);
            }
            else
            {
                Assert.All(legs, l => Assert.Equal((LegState.Pending, 1, s_now.AddSeconds(100 + i), "down"), (l.State, l.Attempts, l.NextAttemptAt, l.LastError)));
            }
        }

        Assert.Equal((2L, 6), MySqlLedger.UpdateBatches!.Value);
    }

    [Fact]
    public async Task TryCreateAsync_GroupCommitOff_NoQueue()
    {
        await using MariaDbDatabase database = await MariaDbDatabase.CreateAsync();
        using var ledger = new MySqlWriteLedger(new MySqlLedgerOptions { ConnectionString = database.ConnectionString, MaxBatchSize = 1 });
        await ledger.EnsureCreatedAsync(CancellationToken.None);
        WriteIntent intent = NewIntent();

        WriteIntent?[] results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ledger.TryCreateAsync(intent, "writer", s_now, CancellationToken.None)));

        Assert.Null(ledger.CreateBatches);
        Assert.Single(results, r => r is null);
        Assert.Equal(1, await database.ScalarAsync("SELECT COUNT(*) FROM multiwrite_intents"));
    }

    protected override async Task<IWriteLedger> CreateLedgerAsync()
    {
        _database = await MariaDbDatabase.CreateAsync();
        return new MySqlWriteLedger(new MySqlLedgerOptions { ConnectionString = _database.ConnectionString });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database!.DisposeAsync();
    }

    /// <summary>Holds <c>LOCK TABLES {table} WRITE</c> on a separate, unpooled connection until disposed (closed).</summary>
    private async Task<MySqlConnection> HoldTableAsync(string table)
    {
        var connection = new MySqlConnection(new MySqlConnectionStringBuilder(_database!.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"LOCK TABLES `{table}` WRITE", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private static WriteIntent NewIntent(Guid? writeId = null, string payload = """{"amount":5}""", string recordType = "payments")
    {
        Guid id = writeId ?? Guid.CreateVersion7();
        return new WriteIntent(
            id,
            recordType,
            "k-" + id.ToString("N")[20..],
            payload,
            RecordHash.Compute(recordType, "k", payload),
            ConsistencyPolicy.ForwardRecovery,
            false,
            s_now,
            [new LegEntry("a", LegState.Pending, 0, s_now, null), new LegEntry("b", LegState.Pending, 0, s_now, null), new LegEntry("c", LegState.Pending, 0, s_now, null)]);
    }
}
