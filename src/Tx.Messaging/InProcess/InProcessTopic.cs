namespace Tx.Messaging.InProcess;

/// <summary>A topic of the in-process transport: partitions, and the running groups that hold back retention.</summary>
internal sealed class InProcessTopic
{
    private readonly Lock _lock = new();
    private InProcessGroupTopic[] _activeGroups = [];
    private int _roundRobin = -1;

    public InProcessTopic(string name, int partitions, int capacity)
    {
        Name = name;
        Partitions = new InProcessPartition[partitions];
        for (int i = 0; i < partitions; i++)
        {
            Partitions[i] = new InProcessPartition(this, i, capacity);
        }
    }

    public string Name { get; }

    public InProcessPartition[] Partitions { get; }

    public int NextPartition() => (int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)Partitions.Length);

    /// <summary>The lowest committed offset of the running groups on a partition; <see cref="long.MaxValue"/> when none runs.</summary>
    public long GetActiveFloor(int partition)
    {
        long floor = long.MaxValue;
        foreach (InProcessGroupTopic group in Volatile.Read(ref _activeGroups))
        {
            floor = Math.Min(floor, group.GetCommitted(partition));
        }

        return floor;
    }

    public void Activate(InProcessGroupTopic group)
    {
        lock (_lock)
        {
            _activeGroups = [.. _activeGroups, group];
        }
    }

    public void Deactivate(InProcessGroupTopic group)
    {
        lock (_lock)
        {
            _activeGroups = Array.FindAll(_activeGroups, g => g != group);
        }

        // The floor may have risen: waiting producers re-check.
        foreach (InProcessPartition partition in Partitions)
        {
            partition.SignalSpace();
        }
    }
}
