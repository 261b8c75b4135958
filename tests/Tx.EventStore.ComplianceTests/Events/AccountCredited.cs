namespace Tx.EventStore.ComplianceTests.Events;

public sealed record AccountCredited(string TransactionId, string AccountId, decimal Amount);
