namespace Tx.Cqrs.Auditing;

/// <summary>
/// Receives every command the audit middleware saw executed (with <c>UseAudit()</c>), succeeded or failed.
/// Register sinks as singletons with <c>AddAuditSink&lt;TSink&gt;()</c>; all registered sinks receive every record.
/// </summary>
public interface IAuditSink
{
    /// <summary>Stores or forwards one audit record.</summary>
    /// <param name="record">The executed command and its outcome.</param>
    /// <param name="cancellationToken">
    /// Cancels the write. The middleware passes <see cref="CancellationToken.None"/>: once a command has run,
    /// its audit record is written even if the caller has stopped waiting.
    /// </param>
    /// <returns>A task that completes when the record is written.</returns>
    ValueTask WriteAsync(AuditRecord record, CancellationToken cancellationToken);
}
