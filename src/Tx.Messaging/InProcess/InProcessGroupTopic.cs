namespace Tx.Messaging.InProcess;

/// <summary>A consumer group's committed offsets on one topic.</summary>
internal sealed class InProcessGroupTopic
{
    private readonly long[] _committed;

    public InProcessGroupTopic(InProcessTopic topic, long[] committed)
    {
        Topic = topic;
        _committed = committed;
    }

    public InProcessTopic Topic { get; }

    /// <summary>Running members subscribed to this topic (guarded by the group's lock).</summary>
    public int ActiveMembers { get; set; }

    public long GetCommitted(int partition) => Volatile.Read(ref _committed[partition]);

    public void Commit(int partition, long offset)
    {
        Volatile.Write(ref _committed[partition], offset);
        Topic.Partitions[partition].SignalSpace();
    }
}
