using System.Collections.Concurrent;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite.ComplianceTests;

/// <summary>
/// A target in memory with injectable faults: failures, latency (on a <see cref="TimeProvider"/>), and a gate
/// that holds attempts until released. It passes the target contract itself, so the core's tests use it as
/// a stand-in database.
/// </summary>
public sealed class InMemoryWriteTarget(string name, TimeProvider? timeProvider = null) : IWriteTarget
{
    private readonly ConcurrentDictionary<Guid, Row> _rows = new();
    private readonly TimeProvider _timeProvider = timeProvider ?? TimeProvider.System;
    private int _writeCalls;
    private int _tombstoneCalls;

    public string Name { get; } = name;

    /// <summary>Gets or sets a fault to throw on every call (null: healthy).</summary>
    public Exception? Fault { get; set; }

    /// <summary>Gets or sets a latency added to every write and tombstone.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Gets or sets a task every call waits for before it runs (null: none).</summary>
    public Task? Gate { get; set; }

    /// <summary>Gets or sets a value indicating whether an attempt is applied before its latency/gate (a late response: "unknown").</summary>
    public bool ApplyBeforeWaiting { get; set; }

    public int WriteCalls => Volatile.Read(ref _writeCalls);

    public int TombstoneCalls => Volatile.Read(ref _tombstoneCalls);

    public int Started { get; private set; }

    public IReadOnlyDictionary<Guid, Row> Rows => _rows;

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<TargetWriteOutcome> WriteAsync(TargetRecord record, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writeCalls);
        TargetWriteOutcome outcome = default;
        if (ApplyBeforeWaiting)
        {
            outcome = Apply(record);
        }

        await WaitAsync(cancellationToken);
        return ApplyBeforeWaiting ? outcome : Apply(record);
    }

    public async Task TombstoneAsync(TargetRecord record, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _tombstoneCalls);
        await WaitAsync(cancellationToken);
        _rows.AddOrUpdate(record.WriteId, _ => new Row(record, true), (_, r) => r with { Tombstoned = true });
    }

    public Task<IReadOnlyList<StoredRecord>> ReadAsync(IReadOnlyCollection<Guid> writeIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredRecord>>([.. writeIds.Where(_rows.ContainsKey).Select(id => _rows[id].ToStored())]);

    public Task<IReadOnlyList<StoredRecord>> ScanAsync(Guid fromInclusive, Guid toInclusive, int limit, CancellationToken cancellationToken)
    {
        string from = fromInclusive.ToString("D");
        string to = toInclusive.ToString("D");
        return Task.FromResult<IReadOnlyList<StoredRecord>>([.. _rows.Values
            .Select(r => r.ToStored())
            .Where(r => string.CompareOrdinal(r.WriteId.ToString("D"), from) >= 0 && string.CompareOrdinal(r.WriteId.ToString("D"), to) <= 0)
            .OrderBy(r => r.WriteId.ToString("D"), StringComparer.Ordinal)
            .Take(limit)]);
    }

    public PoolStatistics? GetPoolStatistics() => null;

    /// <summary>Deletes a row behind the writer's back.</summary>
    public bool Delete(Guid writeId) => _rows.TryRemove(writeId, out _);

    /// <summary>Changes a row's payload behind the writer's back.</summary>
    public void Tamper(Guid writeId, string payloadJson) => _rows[writeId] = _rows[writeId] with { Record = _rows[writeId].Record with { PayloadJson = payloadJson } };

    /// <summary>Inserts a row no intent knows of.</summary>
    public void InsertOrphan(TargetRecord record) => _rows[record.WriteId] = new Row(record, false);

    private TargetWriteOutcome Apply(TargetRecord record)
    {
        if (_rows.TryAdd(record.WriteId, new Row(record, false)))
        {
            return TargetWriteOutcome.Written;
        }

        return _rows[record.WriteId].Tombstoned ? TargetWriteOutcome.Tombstoned : TargetWriteOutcome.AlreadyPresent;
    }

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            Started++;
        }

        if (Gate is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
        }

        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, _timeProvider, cancellationToken);
        }

        if (Fault is { } fault)
        {
            throw fault;
        }
    }

    public sealed record Row(TargetRecord Record, bool Tombstoned)
    {
        public StoredRecord ToStored() => new(Record.WriteId, Record.RecordType, Record.Key, RecordHash.Compute(Record.RecordType, Record.Key, Record.PayloadJson), Tombstoned);
    }
}
