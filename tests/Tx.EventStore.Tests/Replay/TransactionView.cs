namespace Tx.EventStore.Tests.Replay;

/// <summary>The guide's reconstructed transaction state.</summary>
public sealed record TransactionView(string Id, decimal Amount, string Status, DateTimeOffset? CreatedAt, DateTimeOffset? CompletedAt)
{
    public static TransactionView Empty { get; } = new(string.Empty, 0m, "NONE", null, null);
}
