using System.Globalization;
using SettlementService.Infrastructure;

namespace SettlementService.Application;

/// <summary>Runs a batch for a period. Idempotent: the batch id is derived from the period, so running the same period
/// again returns the stored batch. A transaction is settled by at most one batch (overlapping periods skip it).</summary>
public sealed class SettlementBatchRunner(SettlementStore store, Reconciler reconciler, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public static string BatchId(DateTimeOffset from, DateTimeOffset to) =>
        string.Create(CultureInfo.InvariantCulture, $"stl-{from.UtcDateTime:yyyyMMdd'T'HHmmssfffffff}-{to.UtcDateTime:yyyyMMdd'T'HHmmssfffffff}");

    public async Task<(SettlementBatch Batch, bool Created)> RunAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        string id = BatchId(from, to);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (store.FindBatch(id) is { } existing)
            {
                return (existing, false);
            }

            IReadOnlyList<SettleableTransaction> transactions = store.Unsettled(from, to);
            ReconciliationReport report = await reconciler.ReconcileAsync(transactions, cancellationToken);
            CurrencyTotal[] totals = [.. transactions.GroupBy(t => t.Currency, StringComparer.Ordinal)
                .Select(g => new CurrencyTotal(g.Key, g.Count(), g.Sum(t => t.Amount)))
                .OrderBy(t => t.Currency, StringComparer.Ordinal)];
            SettlementBatch batch = new(id, from, to, time.GetUtcNow(), transactions.Count, totals, [.. transactions.Select(t => t.Id)], report);
            store.SaveBatch(batch);
            return (batch, true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs the reconciliation of a stored batch again (e.g. after a fix) and stores the new report.</summary>
    public async Task<SettlementBatch?> ReconcileAgainAsync(string id, CancellationToken cancellationToken)
    {
        if (store.FindBatch(id) is not { } batch)
        {
            return null;
        }

        SettleableTransaction[] transactions = [.. batch.TransactionIds.Select(store.Find).OfType<SettleableTransaction>()];
        SettlementBatch updated = batch with { Reconciliation = await reconciler.ReconcileAsync(transactions, cancellationToken) };
        store.UpdateBatch(updated);
        return updated;
    }
}
