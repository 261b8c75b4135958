namespace Tx.MultiWrite.Intents;

/// <summary>A ledger in process memory: for tests and demos only (it is not durable).</summary>
internal sealed class InMemoryWriteLedger : IWriteLedger
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, Row> _rows = new(StringComparer.Ordinal);

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<WriteIntent?> TryCreateAsync(WriteIntent intent, string leaseOwner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            string key = intent.WriteId.ToString("D");
            if (_rows.TryGetValue(key, out Row? existing))
            {
                return Task.FromResult<WriteIntent?>(existing.ToIntent());
            }

            _rows[key] = new Row(intent, [.. intent.Legs.Select(l => new LegRow(l) { LeaseOwner = leaseOwner, LeaseUntil = leaseUntil })]);
            return Task.FromResult<WriteIntent?>(null);
        }
    }

    public Task<WriteIntent?> GetAsync(Guid writeId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_rows.TryGetValue(writeId.ToString("D"), out Row? row) ? row.ToIntent() : null);
        }
    }

    public Task UpdateLegsAsync(Guid writeId, IReadOnlyList<LegUpdate> updates, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_rows.TryGetValue(writeId.ToString("D"), out Row? row))
            {
                foreach (LegUpdate update in updates)
                {
                    LegRow? leg = row.Legs.Find(l => l.Entry.Target == update.Target);
                    if (leg is not null && leg.Entry.State == update.ExpectedState)
                    {
                        leg.Entry = new LegEntry(update.Target, update.State, update.Attempts, update.NextAttemptAt, update.LastError);
                        leg.LeaseOwner = null;
                        leg.LeaseUntil = null;
                    }
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<WriteIntent?> MarkCompensatingAsync(Guid writeId, string leaseOwner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_rows.TryGetValue(writeId.ToString("D"), out Row? row))
            {
                return Task.FromResult<WriteIntent?>(null);
            }

            row.CompensationRequired = true;
            foreach (LegRow leg in row.Legs.Where(l => l.Entry.State != LegState.Compensated))
            {
                leg.Entry = leg.Entry with { State = LegState.Compensating, NextAttemptAt = leaseUntil };
                leg.LeaseOwner = leaseOwner;
                leg.LeaseUntil = leaseUntil;
            }

            return Task.FromResult<WriteIntent?>(row.ToIntent());
        }
    }

    public Task<IReadOnlyList<LegClaim>> ClaimDueAsync(string leaseOwner, DateTimeOffset now, TimeSpan leaseDuration, int maxLegs, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var claims = new List<LegClaim>();
            foreach ((Row row, LegRow leg) in _rows.Values
                .SelectMany(r => r.Legs.Select(l => (Row: r, Leg: l)))
                .Where(x => x.Leg.Entry.State is LegState.Pending or LegState.Compensating && x.Leg.Entry.NextAttemptAt <= now && (x.Leg.LeaseUntil is null || x.Leg.LeaseUntil <= now))
                .OrderBy(x => x.Leg.Entry.NextAttemptAt)
                .Take(maxLegs)
                .ToList())
            {
                leg.LeaseOwner = leaseOwner;
                leg.LeaseUntil = now + leaseDuration;
                claims.Add(new LegClaim(row.ToIntent(), leg.Entry));
            }

            return Task.FromResult<IReadOnlyList<LegClaim>>(claims);
        }
    }

    public Task<IReadOnlyList<WriteIntent>> ScanAsync(Guid fromInclusive, Guid toInclusive, int limit, CancellationToken cancellationToken)
    {
        string from = fromInclusive.ToString("D");
        string to = toInclusive.ToString("D");
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<WriteIntent>>([.. _rows
                .Where(p => string.CompareOrdinal(p.Key, from) >= 0 && string.CompareOrdinal(p.Key, to) <= 0)
                .Take(limit)
                .Select(p => p.Value.ToIntent())]);
        }
    }

    public Task<LedgerCounts> CountAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var legs = _rows.Values.SelectMany(r => r.Legs).ToList();
            return Task.FromResult(new LedgerCounts(
                legs.Count(l => l.Entry.State == LegState.Pending),
                legs.Count(l => l.Entry.State == LegState.Compensating),
                legs.Count(l => l.Entry.State == LegState.DeadLettered)));
        }
    }

    private sealed class Row(WriteIntent intent, List<LegRow> legs)
    {
        public bool CompensationRequired { get; set; } = intent.CompensationRequired;

        public List<LegRow> Legs { get; } = legs;

        public WriteIntent ToIntent() => new(
            intent.WriteId, intent.RecordType, intent.Key, intent.PayloadJson, intent.PayloadHash, intent.Policy, CompensationRequired, intent.CreatedAt, [.. Legs.Select(l => l.Entry)]);
    }

    private sealed class LegRow(LegEntry entry)
    {
        public LegEntry Entry { get; set; } = entry;

        public string? LeaseOwner { get; set; }

        public DateTimeOffset? LeaseUntil { get; set; }
    }
}
