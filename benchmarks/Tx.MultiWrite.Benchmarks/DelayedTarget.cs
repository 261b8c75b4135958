using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite.Benchmarks;

/// <summary>A leg with an injected latency and nothing else (the latency benchmark isolates the writer's overhead).</summary>
internal sealed class DelayedTarget(string name, TimeSpan latency) : IWriteTarget
{
    public string Name { get; } = name;

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<TargetWriteOutcome> WriteAsync(TargetRecord record, CancellationToken cancellationToken)
    {
        await Task.Delay(latency, cancellationToken);
        return TargetWriteOutcome.Written;
    }

    public Task TombstoneAsync(TargetRecord record, CancellationToken cancellationToken) => Task.Delay(latency, cancellationToken);

    public Task<IReadOnlyList<StoredRecord>> ReadAsync(IReadOnlyCollection<Guid> writeIds, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<StoredRecord>>([]);

    public Task<IReadOnlyList<StoredRecord>> ScanAsync(Guid fromInclusive, Guid toInclusive, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<StoredRecord>>([]);

    public PoolStatistics? GetPoolStatistics() => null;
}
