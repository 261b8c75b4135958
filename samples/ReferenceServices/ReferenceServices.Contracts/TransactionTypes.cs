namespace ReferenceServices.Contracts;

/// <summary>The guide's transaction types and statuses.</summary>
public static class TransactionTypes
{
    public const string Transfer = "transfer";
    public const string Deposit = "deposit";
    public const string Withdrawal = "withdrawal";

    public const string Pending = "PENDING";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";

    public static bool IsKnown(string? type) => type is Transfer or Deposit or Withdrawal;
}
