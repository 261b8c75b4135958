using Tx.EventStore.Aggregates;

namespace Tx.EventStore.Benchmarks;

public sealed record Deposited(string AccountId, decimal Amount, string Reference);

public sealed class BenchAccount : AggregateRoot
{
    public decimal Balance { get; set; }

    public int Count { get; set; }

    public void Deposit(decimal amount) => Raise(new Deposited(Id, amount, "ref-0001"));

    public static BenchAccount Open(string id) => new() { Id = id };

    protected override void Apply(object @event)
    {
        if (@event is Deposited d)
        {
            Balance += d.Amount;
            Count++;
        }
    }
}
