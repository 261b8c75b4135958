namespace Tx.EventStore.ComplianceTests.Events;

public sealed record RiskAssessmentPassed(string TransactionId, double RiskScore);
