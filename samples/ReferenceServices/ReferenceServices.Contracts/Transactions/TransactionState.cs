namespace ReferenceServices.Contracts.Transactions;

/// <summary>The transaction aggregate's state, folded from its events (also the replayable read model).</summary>
public sealed class TransactionState
{
    public string Id { get; private set; } = string.Empty;
    public string UserId { get; private set; } = string.Empty;
    public string Type { get; private set; } = string.Empty;
    public decimal Amount { get; private set; }
    public string Currency { get; private set; } = string.Empty;
    public string? FromAccount { get; private set; }
    public string? ToAccount { get; private set; }
    public string Status { get; private set; } = TransactionTypes.Pending;
    public string? FailureReason { get; private set; }
    public bool Debited { get; private set; }
    public bool Credited { get; private set; }
    public bool Refunded { get; private set; }
    public decimal? ConvertedAmount { get; private set; }
    public long Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsFinal => Status is TransactionTypes.Completed or TransactionTypes.Failed;

    public void Apply(object @event, long version)
    {
        Version = version;
        switch (@event)
        {
            case TransactionInitiated e:
                (Id, UserId, Type, Amount, Currency, FromAccount, ToAccount) = (e.TransactionId, e.UserId, e.Type, e.Amount, e.Currency, e.FromAccount, e.ToAccount);
                CreatedAt = UpdatedAt = e.At;
                break;
            case RiskAssessed e:
                UpdatedAt = e.At;
                break;
            case CurrencyConverted e:
                ConvertedAmount = e.Converted;
                UpdatedAt = e.At;
                break;
            case AccountDebited e:
                Debited = true;
                UpdatedAt = e.At;
                break;
            case AccountCredited e:
                Credited = true;
                UpdatedAt = e.At;
                break;
            case DebitRefunded e:
                Refunded = true;
                UpdatedAt = e.At;
                break;
            case TransactionCompleted e:
                Status = TransactionTypes.Completed;
                UpdatedAt = e.At;
                break;
            case TransactionFailed e:
                Status = TransactionTypes.Failed;
                FailureReason = e.Reason;
                UpdatedAt = e.At;
                break;
            default:
                break;
        }
    }

    public TransactionDto ToDto() =>
        new(Id, UserId, Type, Amount, Currency, FromAccount, ToAccount, Status, FailureReason, Version, CreatedAt, UpdatedAt);
}
