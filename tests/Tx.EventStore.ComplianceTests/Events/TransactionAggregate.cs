using System.Text.Json.Serialization;
using Tx.EventStore.Aggregates;

namespace Tx.EventStore.ComplianceTests.Events;

/// <summary>The guide's transaction, event sourced.</summary>
public sealed class TransactionAggregate : AggregateRoot
{
    public decimal Amount { get; set; }

    public decimal Debited { get; set; }

    public decimal Credited { get; set; }

    public string Status { get; set; } = "NEW";

    public int EventCount { get; set; }

    /// <summary>Gets the number of events applied since this instance was created or deserialized (not in snapshots).</summary>
    [JsonIgnore]
    public int AppliedHere { get; private set; }

    public static TransactionAggregate Create(string id, decimal amount)
    {
        var aggregate = new TransactionAggregate { Id = id };
        aggregate.Raise(new TransactionCreated(id, amount, "USD"));
        return aggregate;
    }

    public void Debit(string accountId, decimal amount) => Raise(new AccountDebited(Id, accountId, amount));

    public void Credit(string accountId, decimal amount) => Raise(new AccountCredited(Id, accountId, amount));

    public void Complete(string settlementId) => Raise(new TransactionCompleted(Id, settlementId));

    protected override void Apply(object @event)
    {
        AppliedHere++;
        EventCount++;
        switch (@event)
        {
            case TransactionCreated e:
                Amount = e.Amount;
                Status = "PENDING";
                break;
            case RiskAssessmentPassed:
                Status = "APPROVED";
                break;
            case AccountDebited e:
                Debited += e.Amount;
                break;
            case AccountCredited e:
                Credited += e.Amount;
                break;
            case TransactionCompleted:
                Status = "COMPLETED";
                break;
        }
    }
}
