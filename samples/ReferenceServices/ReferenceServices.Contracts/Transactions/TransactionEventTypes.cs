namespace ReferenceServices.Contracts.Transactions;

/// <summary>Stored event names of a transaction stream (<c>transaction-{id}</c>).</summary>
public static class TransactionEventTypes
{
    public const string StreamPrefix = "transaction-";

    public static IReadOnlyList<KeyValuePair<string, Type>> All { get; } =
    [
        new("TransactionInitiated", typeof(TransactionInitiated)),
        new("RiskAssessed", typeof(RiskAssessed)),
        new("CurrencyConverted", typeof(CurrencyConverted)),
        new("AccountDebited", typeof(AccountDebited)),
        new("AccountCredited", typeof(AccountCredited)),
        new("DebitRefunded", typeof(DebitRefunded)),
        new("TransactionCompleted", typeof(TransactionCompleted)),
        new("TransactionFailed", typeof(TransactionFailed)),
    ];
}
