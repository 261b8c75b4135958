using Tx.MultiWrite.Targets;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.ComplianceTests;

/// <summary>
/// The target contract: idempotent insert-if-absent by write id, tombstones that a late write cannot undo,
/// read-back with content hashes for reconciliation, range scans in write-id order.
/// </summary>
public abstract class WriteTargetComplianceTests : IAsyncLifetime
{
    private IWriteTarget? _target;

    protected IWriteTarget Target => _target ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        _target = await CreateTargetAsync();
        await _target.EnsureCreatedAsync(CancellationToken.None);
        await _target.EnsureCreatedAsync(CancellationToken.None);
    }

    public virtual Task DisposeAsync()
    {
        (_target as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WriteAsync_NewRecord_ReturnsWrittenAndReadsBack()
    {
        TargetRecord record = NewRecord();

        TargetWriteOutcome outcome = await Target.WriteAsync(record, CancellationToken.None);

        Assert.Equal(TargetWriteOutcome.Written, outcome);
        StoredRecord stored = Assert.Single(await Target.ReadAsync([record.WriteId], CancellationToken.None));
        Assert.Equal(record.PayloadHash, stored.PayloadHash);
        Assert.Equal(record.Key, stored.Key);
        Assert.False(stored.Tombstoned);
    }

    [Fact]
    public async Task WriteAsync_SameWriteIdTwice_SecondIsAlreadyPresentAndOneRowRemains()
    {
        TargetRecord record = NewRecord();
        await Target.WriteAsync(record, CancellationToken.None);

        TargetWriteOutcome second = await Target.WriteAsync(record, CancellationToken.None);

        Assert.Equal(TargetWriteOutcome.AlreadyPresent, second);
        Assert.Equal(1, await CountRowsAsync(record.WriteId));
    }

    [Fact]
    public async Task WriteAsync_ConcurrentAttemptsOfOneWrite_ExactlyOneWrites()
    {
        TargetRecord record = NewRecord();

        TargetWriteOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Target.WriteAsync(record, CancellationToken.None))));

        Assert.Equal(1, outcomes.Count(o => o == TargetWriteOutcome.Written));
        Assert.All(outcomes, o => Assert.NotEqual(TargetWriteOutcome.Tombstoned, o));
        Assert.Equal(1, await CountRowsAsync(record.WriteId));
    }

    [Fact]
    public async Task TombstoneAsync_WrittenRecord_LateWriteSeesTombstone()
    {
        TargetRecord record = NewRecord();
        await Target.WriteAsync(record, CancellationToken.None);

        await Target.TombstoneAsync(record, CancellationToken.None);
        TargetWriteOutcome late = await Target.WriteAsync(record, CancellationToken.None);

        Assert.Equal(TargetWriteOutcome.Tombstoned, late);
        StoredRecord stored = Assert.Single(await Target.ReadAsync([record.WriteId], CancellationToken.None));
        Assert.True(stored.Tombstoned);
    }

    [Fact]
    public async Task TombstoneAsync_AbsentRecord_InsertsTombstoneThatBlocksTheWrite()
    {
        TargetRecord record = NewRecord();

        await Target.TombstoneAsync(record, CancellationToken.None);
        await Target.TombstoneAsync(record, CancellationToken.None);
        TargetWriteOutcome late = await Target.WriteAsync(record, CancellationToken.None);

        Assert.Equal(TargetWriteOutcome.Tombstoned, late);
        Assert.Equal(1, await CountRowsAsync(record.WriteId));
    }

    [Fact]
    public async Task ReadAsync_UnknownIds_ReturnsOnlyStoredOnes()
    {
        TargetRecord record = NewRecord();
        await Target.WriteAsync(record, CancellationToken.None);

        IReadOnlyList<StoredRecord> stored = await Target.ReadAsync([record.WriteId, Guid.CreateVersion7()], CancellationToken.None);

        Assert.Equal(record.WriteId, Assert.Single(stored).WriteId);
    }

    [Fact]
    public async Task ScanAsync_Range_ReturnsRecordsInWriteIdOrderWithinBoundsAndLimit()
    {
        var start = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Random.Shared.Next(100_000));
        TargetRecord[] records = [.. Enumerable.Range(0, 5).Select(i => NewRecord(Guid.CreateVersion7(start.AddMilliseconds(i))))];
        foreach (TargetRecord record in records.Reverse())
        {
            await Target.WriteAsync(record, CancellationToken.None);
        }

        IReadOnlyList<StoredRecord> all = await Target.ScanAsync(WriteIds.MinAt(start), WriteIds.MaxAt(start.AddMilliseconds(4)), 100, CancellationToken.None);
        IReadOnlyList<StoredRecord> limited = await Target.ScanAsync(WriteIds.MinAt(start), WriteIds.MaxAt(start.AddMilliseconds(4)), 2, CancellationToken.None);
        IReadOnlyList<StoredRecord> middle = await Target.ScanAsync(WriteIds.MinAt(start.AddMilliseconds(1)), WriteIds.MaxAt(start.AddMilliseconds(3)), 100, CancellationToken.None);

        Assert.Equal(records.Select(r => r.WriteId), all.Select(r => r.WriteId));
        Assert.Equal(records.Take(2).Select(r => r.WriteId), limited.Select(r => r.WriteId));
        Assert.Equal(records.Skip(1).Take(3).Select(r => r.WriteId), middle.Select(r => r.WriteId));
    }

    [Fact]
    public void GetPoolStatistics_DoesNotThrow()
    {
        PoolStatistics? statistics = Target.GetPoolStatistics();

        Assert.True(statistics is null || statistics.Borrowed is null or >= 0);
    }

    /// <summary>Builds the target under test on a fresh, isolated table or database.</summary>
    protected abstract Task<IWriteTarget> CreateTargetAsync();

    /// <summary>Counts the rows the store holds for a write id (a duplicate would show here).</summary>
    protected abstract Task<int> CountRowsAsync(Guid writeId);

    protected static TargetRecord NewRecord(Guid? writeId = null)
    {
        Guid id = writeId ?? Guid.CreateVersion7();
        string key = "tx-" + id.ToString("N")[20..];
        string payload = $$"""{"amount":{{Random.Shared.Next(1, 10_000)}},"currency":"EUR","note":"é ü 💶"}""";
        return new TargetRecord(id, "transactions", key, payload, RecordHash.Compute("transactions", key, payload), new DateTimeOffset(2030, 5, 1, 12, 0, 0, TimeSpan.Zero));
    }
}
