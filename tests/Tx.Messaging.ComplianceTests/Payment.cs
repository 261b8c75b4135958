namespace Tx.Messaging.ComplianceTests;

public sealed record Payment(string Id, decimal Amount);
