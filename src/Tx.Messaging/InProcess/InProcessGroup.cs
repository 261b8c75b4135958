using Tx.Messaging.Consuming;

namespace Tx.Messaging.InProcess;

/// <summary>
/// A consumer group: committed offsets per topic, running members, and the partition assignment
/// (partition p of a topic goes to member p mod n among the n members subscribed to it, in join order).
/// Any membership change or offset reset starts a new generation; members then re-read their
/// assignment, and commits from an older generation are dropped (as Kafka rejects them).
/// </summary>
internal sealed class InProcessGroup(string id, InProcessBroker broker)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, InProcessGroupTopic> _topics = new(StringComparer.Ordinal);
    private readonly List<InProcessConsumer> _members = [];
    private int _generation;

    public string Id { get; } = id;

    public int Generation => Volatile.Read(ref _generation);

    public void Join(InProcessConsumer consumer)
    {
        lock (_lock)
        {
            foreach (string topic in consumer.Topics)
            {
                InProcessGroupTopic state = GetOrCreateState(topic, consumer.AutoOffsetReset);
                if (state.ActiveMembers++ == 0)
                {
                    state.Topic.Activate(state);
                }
            }

            _members.Add(consumer);
            NewGeneration();
        }
    }

    public void Leave(InProcessConsumer consumer)
    {
        lock (_lock)
        {
            if (!_members.Remove(consumer))
            {
                return;
            }

            foreach (string topic in consumer.Topics)
            {
                InProcessGroupTopic state = _topics[topic];
                if (--state.ActiveMembers == 0)
                {
                    state.Topic.Deactivate(state);
                }
            }

            NewGeneration();
        }
    }

    /// <summary>Gets the member's partitions and the generation they belong to.</summary>
    public (List<(InProcessGroupTopic State, int Partition)> Assignment, int Generation) GetAssignment(InProcessConsumer consumer)
    {
        lock (_lock)
        {
            var assignment = new List<(InProcessGroupTopic, int)>();
            foreach (string topic in consumer.Topics)
            {
                InProcessGroupTopic state = _topics[topic];
                int index = 0;
                int count = 0;
                foreach (InProcessConsumer member in _members)
                {
                    if (member == consumer)
                    {
                        index = count;
                    }

                    if (member.Topics.Contains(topic))
                    {
                        count++;
                    }
                }

                for (int p = index; p < state.Topic.Partitions.Length; p += Math.Max(count, 1))
                {
                    assignment.Add((state, p));
                }
            }

            return (assignment, _generation);
        }
    }

    public void ResetOffset(string topic, int partition, long offset)
    {
        lock (_lock)
        {
            InProcessGroupTopic state = GetOrCreateState(topic, AutoOffsetReset.Earliest);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, state.Topic.Partitions.Length);
            state.Commit(partition, Math.Max(0, offset));
            NewGeneration();
        }
    }

    private InProcessGroupTopic GetOrCreateState(string topic, AutoOffsetReset reset)
    {
        if (!_topics.TryGetValue(topic, out InProcessGroupTopic? state))
        {
            // A group's starting point on a topic is fixed when it first meets the topic.
            InProcessTopic t = broker.GetOrCreateTopic(topic);
            long[] committed = new long[t.Partitions.Length];
            for (int p = 0; p < committed.Length; p++)
            {
                committed[p] = reset == AutoOffsetReset.Earliest ? t.Partitions[p].Start : t.Partitions[p].End;
            }

            state = new InProcessGroupTopic(t, committed);
            _topics.Add(topic, state);
        }

        return state;
    }

    private void NewGeneration()
    {
        Interlocked.Increment(ref _generation);
        foreach (InProcessConsumer member in _members)
        {
            member.Wake();
        }
    }
}
