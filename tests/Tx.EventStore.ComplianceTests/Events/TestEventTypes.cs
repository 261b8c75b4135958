namespace Tx.EventStore.ComplianceTests.Events;

/// <summary>The guide's transaction events, registered under their stable names.</summary>
public static class TestEventTypes
{
    public static void Register(EventStoreOptions options)
    {
        options.Types
            .Add<TransactionCreated>("TransactionCreated")
            .Add<RiskAssessmentPassed>("RiskAssessmentPassed")
            .Add<AccountDebited>("AccountDebited")
            .Add<AccountCredited>("AccountCredited")
            .Add<TransactionCompleted>("TransactionCompleted");
    }

    public static TransactionCreated Created(string id, decimal amount = 100m) => new(id, amount, "USD");
}
