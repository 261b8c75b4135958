using System.Collections.Concurrent;

namespace Tx.Cqrs.Tests.Fixtures;

/// <summary>A thread-safe log the fixtures write to, registered as a singleton per test container.</summary>
public sealed class Recorder
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => [.. _entries];

    public void Add(string entry) => _entries.Enqueue(entry);
}
