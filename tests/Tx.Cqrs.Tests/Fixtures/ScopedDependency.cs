namespace Tx.Cqrs.Tests.Fixtures;

/// <summary>A scoped service: one instance per scope, disposed with it.</summary>
public sealed class ScopedDependency : IDisposable
{
    public Guid Id { get; } = Guid.NewGuid();

    public bool IsDisposed { get; private set; }

    public void Dispose() => IsDisposed = true;
}
