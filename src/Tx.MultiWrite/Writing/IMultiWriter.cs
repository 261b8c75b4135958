namespace Tx.MultiWrite.Writing;

/// <summary>Writes one record to every registered target.</summary>
public interface IMultiWriter
{
    /// <summary>
    /// Validates the record, commits its intent in the ledger, then writes every leg in parallel (each behind
    /// its own breaker and timeout). Legs that fail or time out stay pending and are retried by the worker.
    /// </summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The outcome; the write is durable (acknowledged) once this returns.</returns>
    /// <exception cref="RecordValidationException">The record is invalid; nothing was written.</exception>
    /// <exception cref="WriteIdConflictException">The write id was used for another payload; nothing was written.</exception>
    Task<MultiWriteResult> WriteAsync(MultiWriteRecord record, CancellationToken cancellationToken = default);
}
