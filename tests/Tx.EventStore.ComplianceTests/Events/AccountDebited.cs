namespace Tx.EventStore.ComplianceTests.Events;

public sealed record AccountDebited(string TransactionId, string AccountId, decimal Amount);
