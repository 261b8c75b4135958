namespace Tx.EventStore.ComplianceTests.Events;

public sealed record TransactionCreated(string TransactionId, decimal Amount, string Currency);
