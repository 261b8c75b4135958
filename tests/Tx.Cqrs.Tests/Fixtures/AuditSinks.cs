using System.Collections.Concurrent;
using Tx.Cqrs.Auditing;

namespace Tx.Cqrs.Tests.Fixtures;

public sealed class MemoryAuditSink : IAuditSink
{
    private readonly ConcurrentQueue<AuditRecord> _records = new();

    public IReadOnlyList<AuditRecord> Records => [.. _records];

    public ValueTask WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        _records.Enqueue(record);
        return ValueTask.CompletedTask;
    }
}

public sealed class FailingAuditSink : IAuditSink
{
    public ValueTask WriteAsync(AuditRecord record, CancellationToken cancellationToken) =>
        ValueTask.FromException(new IOException("audit store down"));
}
