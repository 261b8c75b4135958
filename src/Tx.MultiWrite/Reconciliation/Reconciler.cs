using Microsoft.Extensions.Logging;
using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Targets;
using Tx.MultiWrite.Telemetry;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Reconciliation;

/// <summary>
/// Pages through the intent log in write-id order; for each page reads the same sub-range back from every store
/// and compares both ways (missing, stale, orphans, content hashes). Repairs go through the same idempotent leg
/// operations the writer uses, so a scan racing the writer or the worker cannot duplicate anything.
/// </summary>
internal sealed class Reconciler(IWriteLedger ledger, LegSet legs, SchemaInitializer schema, TimeProvider timeProvider, ILogger<Reconciler> logger) : IMultiWriteReconciler
{
    public async Task<ReconciliationReport> ReconcileAsync(Guid fromInclusive, Guid toInclusive, ReconciliationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ReconciliationOptions();
        await schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var state = new ScanState(legs.Legs, options);
        Guid cursor = fromInclusive;
        Guid? skip = null;
        while (true)
        {
            IReadOnlyList<WriteIntent> page = await ledger.ScanAsync(cursor, toInclusive, options.PageSize + (skip is null ? 0 : 1), cancellationToken).ConfigureAwait(false);
            List<WriteIntent> intents = [.. page.Where(i => i.WriteId != skip)];
            bool last = page.Count < options.PageSize + (skip is null ? 0 : 1);
            Guid upper = last || intents.Count == 0 ? toInclusive : intents[^1].WriteId;
            state.Scanned += intents.Count;
            foreach (Leg leg in legs.Legs)
            {
                List<StoredRecord> stored = await ScanTargetAsync(leg.Target, cursor, upper, skip, options.PageSize, cancellationToken).ConfigureAwait(false);
                await CompareAsync(leg, intents, stored, state, cancellationToken).ConfigureAwait(false);
            }

            if (last)
            {
                break;
            }

            cursor = upper;
            skip = upper;
        }

        ReconciliationReport report = state.ToReport(fromInclusive, toInclusive);
        Log.Reconciled(logger, fromInclusive, toInclusive, report.IntentsScanned, report.Targets.Values.Sum(d => d.Repaired), report.Issues.Count(i => !i.Repaired));
        return report;
    }

    private static async Task<List<StoredRecord>> ScanTargetAsync(IWriteTarget target, Guid from, Guid to, Guid? skip, int pageSize, CancellationToken cancellationToken)
    {
        var all = new List<StoredRecord>();
        Guid cursor = from;
        Guid? skipHere = skip;
        while (true)
        {
            int limit = pageSize + (skipHere is null ? 0 : 1);
            IReadOnlyList<StoredRecord> page = await target.ScanAsync(cursor, to, limit, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Where(r => r.WriteId != skipHere));
            if (page.Count < limit)
            {
                return all;
            }

            cursor = page[^1].WriteId;
            skipHere = cursor;
        }
    }

    private async Task CompareAsync(Leg leg, List<WriteIntent> intents, List<StoredRecord> stored, ScanState state, CancellationToken cancellationToken)
    {
        string name = leg.Name;
        var byId = new Dictionary<Guid, StoredRecord>(stored.Count);
        foreach (StoredRecord record in stored)
        {
            byId[record.WriteId] = record;
        }

        var known = new HashSet<Guid>(intents.Count);
        DateTimeOffset now = timeProvider.GetUtcNow();
        foreach (WriteIntent intent in intents)
        {
            known.Add(intent.WriteId);
            LegEntry? entry = intent.Legs.FirstOrDefault(l => l.Target == name);
            if (entry is null)
            {
                continue;
            }

            byId.TryGetValue(intent.WriteId, out StoredRecord? found);
            if (intent.CompensationRequired)
            {
                if (found is null || !found.Tombstoned)
                {
                    bool repaired = state.Options.Repair && await RepairAsync(leg, intent, entry, tombstone: true, cancellationToken).ConfigureAwait(false);
                    state.Add(name, intent.WriteId, DriftKind.Stale, repaired, found is null ? "no tombstone for a compensated write" : "live row for a compensated write");
                }

                continue;
            }

            if (found is null)
            {
                if (entry.State == LegState.Pending && now - intent.CreatedAt < state.Options.InFlightGrace)
                {
                    continue;
                }

                bool repaired = state.Options.Repair && await RepairAsync(leg, intent, entry, tombstone: false, cancellationToken).ConfigureAwait(false);
                state.Add(name, intent.WriteId, DriftKind.Missing, repaired, $"ledger leg state {entry.State}");
            }
            else if (found.Tombstoned)
            {
                state.Add(name, intent.WriteId, DriftKind.ContentMismatch, false, "tombstone for a write that was not compensated");
            }
            else if (!string.Equals(found.PayloadHash, intent.PayloadHash, StringComparison.Ordinal))
            {
                state.Add(name, intent.WriteId, DriftKind.ContentMismatch, false, $"hash {found.PayloadHash} in the store, {intent.PayloadHash} in the intent");
            }
            else if (entry.State != LegState.Succeeded)
            {
                bool repaired = false;
                if (state.Options.Repair)
                {
                    await ledger.UpdateLegsAsync(intent.WriteId, [new LegUpdate(name, entry.State, LegState.Succeeded, entry.Attempts, now, null)], cancellationToken).ConfigureAwait(false);
                    repaired = true;
                }

                state.Add(name, intent.WriteId, DriftKind.LedgerBehind, repaired, $"ledger leg state {entry.State}");
            }
        }

        foreach (StoredRecord record in stored)
        {
            if (!known.Contains(record.WriteId))
            {
                state.Add(name, record.WriteId, DriftKind.Orphan, false, $"row {record.RecordType}/{record.Key} has no intent");
            }
        }
    }

    private async Task<bool> RepairAsync(Leg leg, WriteIntent intent, LegEntry entry, bool tombstone, CancellationToken cancellationToken)
    {
        TargetRecord record = intent.ToTargetRecord();
        LegAttempt attempt = tombstone
            ? await leg.TombstoneAsync(record, cancellationToken).ConfigureAwait(false)
            : await leg.WriteAsync(record, cancellationToken).ConfigureAwait(false);
        if (!attempt.Succeeded)
        {
            return false;
        }

        LegState state = tombstone || attempt.Kind == LegAttemptKind.Tombstoned ? LegState.Compensated : LegState.Succeeded;
        if (entry.State != state)
        {
            await ledger.UpdateLegsAsync(intent.WriteId, [new LegUpdate(entry.Target, entry.State, state, entry.Attempts, timeProvider.GetUtcNow(), null)], cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private sealed class ScanState(IReadOnlyList<Leg> legs, ReconciliationOptions options)
    {
        private readonly Dictionary<string, long[]> _counts = legs.ToDictionary(l => l.Name, _ => new long[6], StringComparer.Ordinal);
        private readonly List<ReconciliationIssue> _issues = [];

        public ReconciliationOptions Options { get; } = options;

        public long Scanned { get; set; }

        public void Add(string target, Guid writeId, DriftKind kind, bool repaired, string detail)
        {
            long[] counts = _counts[target];
            counts[(int)kind]++;
            if (repaired)
            {
                counts[5]++;
            }

            if (_issues.Count < Options.MaxIssues)
            {
                _issues.Add(new ReconciliationIssue(writeId, target, kind, repaired, detail));
            }
        }

        public ReconciliationReport ToReport(Guid from, Guid to) => new(
            from,
            to,
            Scanned,
            _counts.ToDictionary(
                p => p.Key,
                p => new TargetDrift(p.Value[(int)DriftKind.Missing], p.Value[(int)DriftKind.Stale], p.Value[(int)DriftKind.Orphan], p.Value[(int)DriftKind.ContentMismatch], p.Value[(int)DriftKind.LedgerBehind], p.Value[5]),
                StringComparer.Ordinal),
            _issues);
    }
}
