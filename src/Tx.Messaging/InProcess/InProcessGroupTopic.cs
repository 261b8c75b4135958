namespace Tx.Messaging.InProcess;

/// <summary>A consumer group's committed offsets on one topic.</summary>
internal sealed class InProcessGroupTopic
{
    // Each partition's offset on its own 64-byte cache line: members commit after every message, usually
    // from different cores, and adjacent offsets would make every commit invalidate the others' line.
    private const int Stride = 8;

    private readonly long[] _committed;

    public InProcessGroupTopic(InProcessTopic topic, long[] committed)
    {
        Topic = topic;
        _committed = new long[(committed.Length + 1) * Stride];
        for (int p = 0; p < committed.Length; p++)
        {
            _committed[Index(p)] = committed[p];
        }
    }

    public InProcessTopic Topic { get; }

    /// <summary>Running members subscribed to this topic (guarded by the group's lock).</summary>
    public int ActiveMembers { get; set; }

    public long GetCommitted(int partition) => Volatile.Read(ref _committed[Index(partition)]);

    public void Commit(int partition, long offset)
    {
        Volatile.Write(ref _committed[Index(partition)], offset);
        Topic.Partitions[partition].SignalSpace();
    }

    // Partition p at (p + 1) × Stride: the array's header and length share a line with no offset.
    private static int Index(int partition) => (partition + 1) * Stride;
}
