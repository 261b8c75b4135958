namespace Tx.EventStore.ComplianceTests.Events;

public sealed record TransactionCompleted(string TransactionId, string SettlementId);
