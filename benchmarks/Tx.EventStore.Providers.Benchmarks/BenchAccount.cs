using Tx.EventStore.Aggregates;

namespace Tx.EventStore.Providers.Benchmarks;

/// <summary>The aggregate folded by the rehydration and snapshot benchmarks.</summary>
public sealed class BenchAccount : AggregateRoot
{
    public decimal Debited { get; set; }

    public int Count { get; set; }

    public static BenchAccount Create(string id) => new() { Id = id };

    public void Debit(decimal amount) => Raise(new AccountDebited(Id, "acc_1", amount));

    public void Fold(AccountDebited e)
    {
        Debited += e.Amount;
        Count++;
    }

    protected override void Apply(object @event)
    {
        if (@event is AccountDebited e)
        {
            Fold(e);
        }
    }
}
