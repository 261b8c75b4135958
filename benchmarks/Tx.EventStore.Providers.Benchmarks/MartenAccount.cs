namespace Tx.EventStore.Providers.Benchmarks;

/// <summary>The same fold for Marten's events.</summary>
public sealed class MartenAccount
{
    public decimal Debited { get; set; }

    public int Count { get; set; }

    public void Apply(AccountDebited e)
    {
        Debited += e.Amount;
        Count++;
    }
}
