namespace Tx.Resilience.Bulkheads;

/// <summary>A slot in a <see cref="Bulkhead"/>; dispose it exactly once to free the slot (counted as completed).</summary>
public readonly struct BulkheadLease : IDisposable
{
    private readonly Bulkhead? _owner;

    internal BulkheadLease(Bulkhead owner)
    {
        _owner = owner;
    }

    /// <summary>Frees the slot and counts the call as completed.</summary>
    public void Dispose() => _owner?.Release(failed: false);

    /// <summary>Frees the slot and counts the call as failed. Use instead of <see cref="Dispose"/>, not in addition.</summary>
    public void DisposeAsFailed() => _owner?.Release(failed: true);
}
