namespace Tx.Cqrs.Benchmarks.Messages;

public sealed class Pong
{
    public static readonly Pong Instance = new();
    public static readonly Task<Pong> CompletedTask = Task.FromResult(Instance);
}
